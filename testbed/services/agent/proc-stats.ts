import { readFile } from 'node:fs/promises';
import type { WorkerState } from './worker-backend.ts';

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux the testbed runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessStats {
  readonly state: WorkerState;
  readonly rssBytes: number;
  readonly cpuNs: number;
}

/**
 * Reads one live process's memory and CPU figures from /proc, the way a cgroup would count them for a
 * one-process container. Undefined when the process is gone or /proc is not there (not Linux).
 */
export async function readProcessStats(pid: number): Promise<ProcessStats | undefined> {
  try {
    const [stat, status] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/status`, 'utf8'),
    ]);
    // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const stateChar = fields[0] ?? '?';
    const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0); // utime + stime (fields 14, 15)
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    return {
      state: stateOf(stateChar),
      rssBytes: rssKb * 1024,
      cpuNs: Math.round((ticks * 1e9) / CLOCK_TICKS_PER_SECOND),
    };
  } catch {
    return undefined;
  }
}

function stateOf(stateChar: string): WorkerState {
  if (stateChar === 'T' || stateChar === 't') return 'PAUSED';
  if (stateChar === 'Z' || stateChar === 'X') return 'STOPPED';
  return 'RUNNING';
}
