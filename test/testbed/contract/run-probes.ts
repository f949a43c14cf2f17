import type { FaultName } from '../../../testbed/faults/fault-table.ts';
import {
  DEFAULT_ESB_REVISION,
  type EsbRevisionName,
  esbRevisionSince,
} from '../../../testbed/revisions/esb-behaviour.ts';
import { startStackProcess } from '../../helpers/stack-process.ts';
import { PROBE_STACK_TIMINGS } from './contract-stack.ts';
import { createProbeContext } from './probe-context.ts';
import type { ContractProbe, StackMode } from './probe-types.ts';

export interface ProbeResult {
  readonly name: string;
  readonly section: string;
  readonly passed: boolean;
  /** The failure message, when the probe failed. */
  readonly error?: string;
  readonly ms: number;
}

export interface ProbeRun {
  readonly mode: StackMode;
  readonly results: readonly ProbeResult[];
  readonly ms: number;
}

/**
 * The probes that apply to a mode and an ESB revision: unmarked ones hold in both modes, marked ones only where
 * named; a probe `since` a revision applies from that revision on.
 */
export function probesFor(
  mode: StackMode,
  probes: readonly ContractProbe[],
  esb: EsbRevisionName = DEFAULT_ESB_REVISION,
): ContractProbe[] {
  return probes.filter(
    (p) =>
      (p.modes === undefined || p.modes.includes(mode)) &&
      (p.since === undefined || esbRevisionSince(esb, p.since)),
  );
}

/**
 * Runs every given probe in order against a stack that is up (a failure does not stop the run); the results say
 * which contract points held.
 */
export async function runProbes(
  clientEnv: Record<string, string>,
  mode: StackMode,
  probes: readonly ContractProbe[],
  esb: EsbRevisionName = DEFAULT_ESB_REVISION,
): Promise<ProbeResult[]> {
  const ctx = createProbeContext(clientEnv, mode, esb);
  const results: ProbeResult[] = [];
  for (const probe of probes) {
    const probeStarted = performance.now();
    try {
      await probe.run(ctx);
      results.push({
        name: probe.name,
        section: probe.section,
        passed: true,
        ms: performance.now() - probeStarted,
      });
    } catch (error) {
      results.push({
        name: probe.name,
        section: probe.section,
        passed: false,
        error: (error as Error).message,
        ms: performance.now() - probeStarted,
      });
    }
  }
  return results;
}

/**
 * Starts one in-process stack (in a process of its own, so stacks side by side do not share an event loop),
 * runs the probes on it and closes it.
 */
export async function runProbesOnStack(options: {
  mode: StackMode;
  faults?: readonly FaultName[];
  probes: readonly ContractProbe[];
  esb?: EsbRevisionName;
}): Promise<ProbeRun> {
  const started = performance.now();
  const esb = options.esb ?? DEFAULT_ESB_REVISION;
  const stack = await startStackProcess({
    ...PROBE_STACK_TIMINGS,
    mode: options.mode,
    faults: options.faults,
    esb,
  });
  try {
    const results = await runProbes(stack.clientEnv, options.mode, options.probes, esb);
    return { mode: options.mode, results, ms: performance.now() - started };
  } finally {
    await stack.close();
  }
}

/** One line per probe, for diagnostics. */
export function formatRun(run: ProbeRun): string {
  return run.results
    .map(
      (r) =>
        `${r.passed ? 'pass' : 'FAIL'} ${(r.ms / 1000).toFixed(1).padStart(5)} s  ${r.name}${r.error ? `\n      ${r.error.split('\n')[0]}` : ''}`,
    )
    .join('\n');
}
