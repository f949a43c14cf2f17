import type { GoldenLine } from './golden-lines.ts';

/**
 * Where the testbed differs from ESB on purpose (testbed/README.md, "Where the testbed differs from ESB"), and
 * how the golden replay accounts for it: each choice names the lines it touches and leaves out of both sides what
 * it changes, so that the rest of the answer is still compared.
 */
export interface TestbedChoice {
  readonly why: string;
  applies(line: GoldenLine): boolean;
  /** The body without what the choice changes (applied to the recorded and the actual body alike). */
  normalise(body: unknown): unknown;
}

export const TESTBED_CHOICES: readonly TestbedChoice[] = [
  {
    why: "the scheduler's first run comes 2 s after start (ESB: one interval, a minute), so STD-025 needs no minute of waiting; lambda-scheduled's pool shows up early in /metrics/pools and is idle-reaped earlier",
    applies: (line) => line.request.method === 'GET' && line.request.path === '/metrics/pools',
    normalise: (body) => {
      const pools = (body as { pools?: unknown }).pools;
      if (!Array.isArray(pools)) return body;
      return {
        ...(body as object),
        pools: pools.filter((p) => (p as { function_name?: unknown }).function_name !== 'lambda-scheduled'),
      };
    },
  },
];
