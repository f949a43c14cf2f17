import type Dockerode from 'dockerode';
import type { ContainerMetrics, WorkerState } from './worker-backend.ts';
import { WORKER_LABEL } from './worker-labels.ts';

/** Docker's "never" timestamp, which a container that has not exited carries in State.FinishedAt. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * Containerd-style metrics (contract §5.7) from a container's inspect and one stats sample. `memory_max`
 * is the configured limit (HostConfig.Memory: 134217728 for 128 MiB); without a limit it is what the
 * engine reports as the ceiling (the host's memory), as a cgroup without a limit would.
 */
export function containerMetricsFrom(
  inspect: Dockerode.ContainerInspectInfo,
  stats: Dockerode.ContainerStats | undefined,
  now: Date = new Date(),
  /** The worker's function when its label does not say (an assigned spare: README "Spare workers"). */
  functionName: string = inspect.Config.Labels[WORKER_LABEL.functionName] ?? '',
): ContainerMetrics {
  const state = stateOf(inspect.State);
  const memory = stats?.memory_stats;
  const oomFromStats = (memory?.stats as Record<string, number> | undefined)?.oom_kill;
  const limit = inspect.HostConfig.Memory ?? 0;
  const finished = inspect.State.FinishedAt;
  return {
    container_id: inspect.Id,
    function_name: functionName,
    container_name: inspect.Name.replace(/^\//, ''),
    state,
    memory_current: memory?.usage ?? 0,
    memory_max: limit > 0 ? limit : (memory?.limit ?? 0),
    oom_events: oomFromStats ?? (inspect.State.OOMKilled ? 1 : 0),
    cpu_usage_ns: stats?.cpu_stats?.cpu_usage?.total_usage ?? 0,
    exit_code: inspect.State.ExitCode ?? 0,
    restart_count: inspect.RestartCount ?? 0,
    exit_time:
      state === 'STOPPED' && finished && finished !== ZERO_TIME ? new Date(finished).toISOString() : null,
    collected_at: now.toISOString(),
  };
}

function stateOf(state: Dockerode.ContainerInspectInfo['State']): WorkerState {
  if (state.Paused) return 'PAUSED';
  if (state.Running) return 'RUNNING';
  if (state.Status === 'exited' || state.Status === 'dead') return 'STOPPED';
  return 'UNKNOWN';
}
