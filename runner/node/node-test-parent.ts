import { readFileSync, readlinkSync } from 'node:fs';
import { type NodeTestCommand, parseNodeTestCommand } from './node-test-command.ts';

/** Whether this process is one file of a `node --test` run (node marks the processes it starts so). */
export function underNodeTest(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env.NODE_TEST_CONTEXT ?? '').startsWith('child');
}

/** The `node --test` process that started this one, as far as /proc tells (Linux). */
export interface NodeTestParent {
  /**
   * Names this run of the parent across its files: its pid and start time, so a reused pid is another run.
   * Undefined when the start time cannot be read: a pid alone could meet the markers of an earlier run.
   */
  readonly key: string | undefined;
  /** The parent's command, or undefined when it cannot be read (no /proc, another operating system). */
  readonly command: NodeTestCommand | undefined;
}

/** The start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), when readable. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; fields 3… follow the last ')'.
    const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

export function nodeTestParent(pid: number = process.ppid): NodeTestParent {
  let command: NodeTestCommand | undefined;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    command = parseNodeTestCommand(argv, readlinkSync(`/proc/${pid}/cwd`));
  } catch {
    command = undefined;
  }
  const started = startTime(pid);
  return { key: started === undefined ? undefined : `${pid}-${started}`, command };
}
