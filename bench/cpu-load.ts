import { type ChildProcess, spawn } from 'node:child_process';

/** A whole-number command-line option (`--runs 5`), or the fallback when it is absent. */
export function intArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} takes a whole number`);
  return value;
}

/**
 * Starts `count` processes that each keep one core busy, and returns how to stop them; they are also killed
 * when this process exits, so an interrupted benchmark leaves no spinning process behind.
 */
export function startCpuBurners(count: number): () => void {
  const burners: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random());'], { stdio: 'ignore' }),
  );
  const stop = () => {
    for (const burner of burners) burner.kill('SIGKILL');
  };
  process.once('exit', stop);
  return stop;
}
