import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HIGHEST_TESTBED_PORT } from '../docker/profiles.ts';

/** Ports per block: one in-process stack's workers. */
const BLOCK_SIZE = 100;
/**
 * Blocks start above every testbed's ports (profiles.ts: 18000-21199 for the four sets) and stay below the
 * kernel's ephemeral range: a worker port inside that can be taken by the local end of any outgoing connection
 * between the agent's free-port probe and the worker's listen. They once started at 20000, inside the ports of
 * the second testbeds (`platform`, `test-platform`): an in-process stack's worker on one of them made a second
 * testbed's start fail its port check, and `esb-e2e run` ran the platform cases on the first testbed instead.
 */
export const FIRST_WORKER_PORT = Math.ceil((HIGHEST_TESTBED_PORT + 1) / 1000) * 1000;
const DEFAULT_EPHEMERAL_LOW = 32_768;
/** Claims live here, shared by every process of this machine that starts in-process stacks. */
const CLAIM_DIR = join(tmpdir(), 'esb-testbed-worker-ports');

export interface WorkerPortBlock {
  readonly min: number;
  readonly max: number;
  release(): void;
}

function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > FIRST_WORKER_PORT + BLOCK_SIZE ? low : DEFAULT_EPHEMERAL_LOW;
  } catch {
    return DEFAULT_EPHEMERAL_LOW;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the claim file exclusively; a claim left by a dead process is taken over. */
export function claimFile(file: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

/**
 * A block of worker ports that no other in-process stack on this machine uses until it is released: stacks
 * started side by side (several test processes, a fault matrix) must not hand out the same worker port.
 * Blocks are tried from a random start so that concurrent claimers rarely contend for the same file.
 */
export function claimWorkerPortBlock(): WorkerPortBlock {
  mkdirSync(CLAIM_DIR, { recursive: true });
  const blocks = Math.floor((ephemeralLow() - FIRST_WORKER_PORT) / BLOCK_SIZE);
  const start = Math.floor(Math.random() * blocks);
  for (let i = 0; i < blocks; i++) {
    const min = FIRST_WORKER_PORT + ((start + i) % blocks) * BLOCK_SIZE;
    const file = join(CLAIM_DIR, String(min));
    if (claimFile(file))
      return { min, max: min + BLOCK_SIZE - 1, release: () => rmSync(file, { force: true }) };
  }
  throw new Error(
    `every worker port block between ${FIRST_WORKER_PORT} and ${ephemeralLow()} is claimed (see ${CLAIM_DIR}); ` +
      'stop other in-process testbed stacks, or remove claims of processes that no longer run',
  );
}
