import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a command writes to and reads its variables from. A command run by its program uses the process's own
 * streams and environment; a test runs the same command in its own process with its own (withCliIo), so that a
 * check of help, a usage error or a bad root costs a function call, not a child process.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Set when stdout is a terminal (a person watching, not a pipe or a file): its width now. */
  readonly terminal?: { readonly columns: () => number };
}

const PROCESS_IO: CliIo = {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  get env() {
    return process.env;
  },
  get terminal() {
    return process.stdout.isTTY === true ? { columns: () => process.stdout.columns ?? 80 } : undefined;
  },
};

// Per async context, so that commands a test runs side by side each write to their own buffers.
const current = new AsyncLocalStorage<CliIo>();

/** The streams and environment of the command running in this async context. */
export function cliIo(): CliIo {
  return current.getStore() ?? PROCESS_IO;
}

/** Runs `command` (and everything it awaits) with `io` as its streams and environment. */
export function withCliIo<T>(io: CliIo, command: () => T): T {
  return current.run(io, command);
}

/**
 * Ends a command with an exit code once it has printed why (the loader's diagnostics): the program's main
 * returns the code, rather than the command calling process.exit under a test that runs it in-process.
 */
export class CommandExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CommandExit';
  }
}
