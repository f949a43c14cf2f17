import { type CliIo, cliIo } from '../config/command-io.ts';

interface Pending {
  text: string;
  queued: boolean;
}

const pendingOf = new WeakMap<CliIo, Pending>();

function flushPending(io: CliIo, pending: Pending): void {
  pending.queued = false;
  if (pending.text === '') return;
  const text = pending.text;
  pending.text = '';
  io.stdout(text);
}

/**
 * Writes a line to the command's stdout together with the other lines of the same moment: the text is written
 * once the current turn's lines are in (setImmediate), so that a run reporting thousands of cases a second makes
 * a write per batch, not per case (a write to a pipe is a system call, and the cases' process needs the CPU).
 */
export function batchedLine(line: string): void {
  const io = cliIo();
  let pending = pendingOf.get(io);
  if (pending === undefined) {
    pending = { text: '', queued: false };
    pendingOf.set(io, pending);
  }
  pending.text += line;
  if (!pending.queued) {
    pending.queued = true;
    const queued = pending;
    setImmediate(() => flushPending(io, queued));
  }
}

/** Writes what batchedLine holds now: before anything else is written (stderr), and when the command ends. */
export function flushBatchedLines(): void {
  const io = cliIo();
  const pending = pendingOf.get(io);
  if (pending !== undefined) flushPending(io, pending);
}
