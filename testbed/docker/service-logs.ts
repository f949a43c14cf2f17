import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FILE_NAME } from '../services/victorialogs/log-store.ts';
import { projectFilter, SERVICE_LABEL } from './compose-labels.ts';
import { connectDocker } from './docker-connection.ts';
import { profileFor } from './profiles.ts';
import { logsDir, stateDir } from './testbed-paths.ts';

/** The VictoriaLogs stand-in's records (what the gateway, agent and workers shipped), copied beside the logs. */
export const SHIPPED_RECORDS_FILE = 'victorialogs-records.jsonl';

/**
 * Docker multiplexes a non-TTY container's stdout and stderr into frames: one byte for the stream, three zero
 * bytes, a big-endian 32-bit length, then the payload. Anything that does not parse as frames is kept as is.
 */
export function demultiplexDockerLog(raw: Buffer): string {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= raw.length) {
    const stream = raw[at];
    if ((stream !== 0 && stream !== 1 && stream !== 2) || raw.readUIntBE(at + 1, 3) !== 0) break;
    const size = raw.readUInt32BE(at + 4);
    if (at + 8 + size > raw.length) break;
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  if (at < raw.length) parts.push(raw.subarray(at));
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Writes the logs of every container of the environment's testbed (services and workers, with Docker's
 * timestamps) to logsDir(env), one file per container, and the records shipped to VictoriaLogs (the gateway's
 * access and error records are only there), each passed through `redact`. The folder is emptied first, so it
 * holds one run's logs. Returns the folder.
 */
export async function saveServiceLogs(env: string, redact: (text: string) => string): Promise<string> {
  const docker = await connectDocker();
  const dir = logsDir(env);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const containers = await docker.listContainers({
    all: true,
    filters: projectFilter(profileFor(env).projectName),
  });
  for (const info of containers) {
    const name = (info.Names[0] ?? info.Id).replace(/^\//, '');
    // Services by their compose service name (gateway.log), workers by their container name.
    const file = info.Labels[SERVICE_LABEL] ?? name;
    let text: string;
    try {
      const raw = await docker
        .getContainer(info.Id)
        .logs({ stdout: true, stderr: true, timestamps: true, follow: false });
      text = demultiplexDockerLog(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)));
    } catch (error) {
      // A worker the agent removed meanwhile: say so in its file rather than lose the others.
      text = `(no logs: ${(error as Error).message})\n`;
    }
    writeFileSync(join(dir, `${file}.log`), redact(text));
  }
  const records = join(stateDir(env), 'data', 'victorialogs', LOG_FILE_NAME);
  if (existsSync(records))
    writeFileSync(join(dir, SHIPPED_RECORDS_FILE), redact(readFileSync(records, 'utf8')));
  return dir;
}
