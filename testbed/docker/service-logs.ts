import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import { LOG_FILE_NAME } from '../services/victorialogs/log-store.ts';
import { projectFilter, SERVICE_LABEL } from './compose-labels.ts';
import { connectDocker } from './docker-connection.ts';
import { profileFor } from './profiles.ts';
import { type TestbedInstance, testbedInstance } from './testbed-instance.ts';
import { logsDir, stateDir } from './testbed-paths.ts';

/** The VictoriaLogs stand-in's records (what the gateway, agent and workers shipped), copied beside the logs. */
export const SHIPPED_RECORDS_FILE = 'victorialogs-records.jsonl';

/** A non-TTY container's log as Docker sends it (stdout and stderr frames), as text, by dockerode's demuxer. */
async function logText(docker: Dockerode, raw: Buffer): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const source = Readable.from([raw]);
  const ended = once(source, 'end');
  docker.modem.demuxStream(source, sink, sink);
  await ended;
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Writes the logs of every container of the environment's testbed (services and workers, with Docker's
 * timestamps) to logsDir(env), one file per container, and the records shipped to VictoriaLogs (the gateway's
 * access and error records are only there), each passed through `redact`. The folder is emptied first, so it
 * holds one run's logs. Returns the folder.
 */
export async function saveServiceLogs(
  env: string,
  redact: (text: string) => string,
  instance: TestbedInstance = testbedInstance(),
): Promise<string> {
  const docker = await connectDocker();
  const dir = logsDir(env, instance);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const containers = await docker.listContainers({
    all: true,
    filters: projectFilter(profileFor(env, instance).projectName),
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
      text = await logText(docker, Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)));
    } catch (error) {
      // A worker the agent removed meanwhile: say so in its file rather than lose the others.
      text = `(no logs: ${(error as Error).message})\n`;
    }
    writeFileSync(join(dir, `${file}.log`), redact(text));
  }
  const records = join(stateDir(env, instance), 'data', 'victorialogs', LOG_FILE_NAME);
  if (existsSync(records))
    writeFileSync(join(dir, SHIPPED_RECORDS_FILE), redact(readFileSync(records, 'utf8')));
  return dir;
}
