import { Writable } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecResult {
  /** The command's exit code; -1 when Docker could not tell (the container died with it). */
  readonly exitCode: number;
  /** stdout and stderr interleaved as they arrived. */
  readonly output: string;
}

/** `docker exec <container> <cmd…>`: runs to the end, reading the output so the connection closes. */
export async function execInContainer(
  docker: Docker,
  containerId: string,
  cmd: readonly string[],
  signal?: AbortSignal,
): Promise<ExecResult> {
  const exec = await docker
    .getContainer(containerId)
    .exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true, abortSignal: signal });
  const stream = await exec.start({ abortSignal: signal });
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  return { exitCode: await exitCodeOf(exec), output: Buffer.concat(chunks).toString('utf8') };
}

/** The stream can end a moment before Docker records the exit code; ask a few times. */
async function exitCodeOf(exec: Docker.Exec): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const info = await exec.inspect().catch(() => undefined);
    if (info === undefined) return -1;
    if (!info.Running) return info.ExitCode ?? -1;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return -1;
}
