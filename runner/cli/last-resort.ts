import { DEBUG_VARIABLE, debugging } from '../config/debugging.ts';
import { redactorFromEnv } from '../config/redact.ts';

export { DEBUG_VARIABLE };

/** Exit code of an error no command expected: sysexits' EX_SOFTWARE. */
export const INTERNAL_ERROR_EXIT = 70;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What a command prints for an error it did not expect: one line (the message, secrets of the environment
 * hidden) with a hint to rerun with ESB_E2E_DEBUG=1, or with that set, the line and the stack trace.
 */
export function internalErrorReport(program: string, error: unknown, env: Env = process.env): string {
  const redactor = redactorFromEnv(env);
  const message =
    error instanceof Error ? error.message || error.name : `a non-Error value was thrown: ${String(error)}`;
  const line = `${program}: internal error: ${redactor.redact(message).replace(/\s*\n\s*/g, ' ')}`;
  if (debugging(env))
    return `${line}\n${redactor.redact(error instanceof Error ? (error.stack ?? '') : String(error))}`;
  return `${line} (a bug: rerun with ${DEBUG_VARIABLE}=1 to see its stack trace)`;
}

/**
 * Runs a command's main so that nothing it did not expect reaches the user as a raw stack trace: a thrown
 * error or an uncaught exception prints internalErrorReport and exits INTERNAL_ERROR_EXIT. A reader that goes
 * away (`esb-e2e list | head -1`: EPIPE) only drops the rest of the output; the command carries on, so a run
 * still tears its testbeds down.
 */
export async function runGuarded(program: string, main: () => Promise<number> | number): Promise<void> {
  const fail = (error: unknown): never => {
    process.stderr.write(`${internalErrorReport(program, error)}\n`);
    process.exit(INTERNAL_ERROR_EXIT);
  };
  process.on('uncaughtException', fail);
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') fail(error);
    });
  try {
    process.exitCode = await main();
  } catch (error) {
    fail(error);
  }
}
