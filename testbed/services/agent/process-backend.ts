import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProcessStats } from './proc-stats.ts';
import { postAssignment } from './spare-assign.ts';
import type { ContainerMetrics, WorkerBackend, WorkerLaunch, WorkerRecord } from './worker-backend.ts';
import { workerNodeArgs } from './worker-command.ts';
import { spareEnvironment, workerEnvironment } from './worker-env.ts';

/** The repository root, where `--import tsx` resolves and the default worker entry lives. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The worker runtime every worker runs unless a test picks its own entry. */
export function defaultWorkerEntry(repoRoot: string): string {
  return join(repoRoot, 'testbed', 'services', 'worker', 'main.ts');
}

export interface ProcessBackendOptions {
  /** Worker names start with it, as container names do in the Docker backend. */
  readonly projectName: string;
  /** The agent's service environment (see `serviceEnvironment`); each worker adds FUNCTION_NAME, WORKER_PORT. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** A worker bundle or a TypeScript entry; defaults to `<repoRoot>/testbed/services/worker/main.ts`. */
  readonly workerEntry?: string;
  /** Working directory of workers; defaults to this repository. */
  readonly repoRoot?: string;
  /** Where worker stdout/stderr go: the agent's own (default) or nowhere (quiet tests). */
  readonly output?: 'inherit' | 'ignore';
}

interface ProcessWorker {
  /** Replaced when a spare is assigned its function. */
  record: WorkerRecord;
  readonly child: ChildProcess;
  memoryBytes: number | undefined;
  readonly exited: Promise<void>;
  exit?: { code: number; time: Date };
}

/**
 * Children of a process backend cannot be adopted by another process (unlike containers), so they die with
 * the process that started them instead of lingering on their ports after a test run.
 */
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

/** Runs each worker as `node <worker entry>` (through tsx for a TypeScript entry), a child of the agent process. */
export function createProcessBackend(options: ProcessBackendOptions): WorkerBackend {
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const entry = options.workerEntry ?? defaultWorkerEntry(repoRoot);
  const workers = new Map<string, ProcessWorker>();

  const running = (worker: ProcessWorker) => worker.exit === undefined;
  const workerName = (functionName: string, id: string) =>
    `${options.projectName}-worker-${functionName}-${id.slice(5, 13)}`;

  async function start(
    id: string,
    env: Record<string, string>,
    record: WorkerRecord,
    memoryBytes: number | undefined,
  ): Promise<WorkerRecord> {
    const child = spawn(process.execPath, workerNodeArgs(entry), {
      cwd: repoRoot,
      env,
      stdio: ['ignore', options.output ?? 'inherit', options.output ?? 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    liveChildren.add(child);
    const worker: ProcessWorker = {
      record,
      child,
      memoryBytes,
      exited: new Promise<void>((resolve) => {
        child.once('exit', (code, signal) => {
          liveChildren.delete(child);
          worker.exit = { code: code ?? signalExitCode(signal), time: new Date() };
          resolve();
        });
      }),
    };
    workers.set(id, worker);
    return record;
  }

  return {
    kind: 'process',

    async create(launch: WorkerLaunch): Promise<WorkerRecord> {
      const id = `proc-${randomBytes(6).toString('hex')}`;
      return start(
        id,
        workerEnvironment(options.serviceEnv, launch.functionName, launch.port),
        {
          id,
          name: workerName(launch.functionName, id),
          functionName: launch.functionName,
          host: '127.0.0.1',
          port: launch.port,
        },
        launch.memoryBytes,
      );
    },

    async createSpare(port: number): Promise<WorkerRecord> {
      const id = `proc-${randomBytes(6).toString('hex')}`;
      return start(
        id,
        spareEnvironment(options.serviceEnv, port),
        {
          id,
          name: `${options.projectName}-spare-${id.slice(5, 13)}`,
          functionName: '',
          host: '127.0.0.1',
          port,
        },
        undefined,
      );
    },

    async assign(spare: WorkerRecord, launch: WorkerLaunch): Promise<WorkerRecord> {
      const worker = workers.get(spare.id);
      if (worker === undefined || !running(worker)) throw new Error(`spare ${spare.name} is gone`);
      await postAssignment(spare, workerEnvironment(options.serviceEnv, launch.functionName, spare.port));
      worker.record = {
        ...spare,
        name: workerName(launch.functionName, spare.id),
        functionName: launch.functionName,
      };
      worker.memoryBytes = launch.memoryBytes;
      return worker.record;
    },

    async remove(id: string): Promise<void> {
      const worker = workers.get(id);
      if (worker === undefined) return;
      workers.delete(id);
      if (running(worker)) worker.child.kill('SIGKILL');
      await worker.exited;
    },

    async list(): Promise<WorkerRecord[]> {
      return [...workers.values()].map((w) => w.record);
    },

    async isRunning(id: string): Promise<boolean> {
      const worker = workers.get(id);
      return worker !== undefined && running(worker);
    },

    async metrics(id: string): Promise<ContainerMetrics | undefined> {
      const worker = workers.get(id);
      if (worker === undefined) return undefined;
      const pid = worker.child.pid;
      const stats = running(worker) && pid !== undefined ? await readProcessStats(pid) : undefined;
      return {
        container_id: id,
        function_name: worker.record.functionName,
        container_name: worker.record.name,
        state: worker.exit !== undefined ? 'STOPPED' : (stats?.state ?? 'UNKNOWN'),
        memory_current: stats?.rssBytes ?? 0,
        // A process has no cgroup limit of its own; report the limit a container would have been given.
        memory_max: worker.memoryBytes ?? totalmem(),
        oom_events: 0,
        cpu_usage_ns: stats?.cpuNs ?? 0,
        exit_code: worker.exit?.code ?? 0,
        restart_count: 0,
        exit_time: worker.exit?.time.toISOString() ?? null,
        collected_at: new Date().toISOString(),
      };
    },
  };
}

/** A container killed by a signal exits with 128 + the signal number; a process reports the signal. */
function signalExitCode(signal: NodeJS.Signals | null): number {
  return signal === null ? 0 : 128 + (constants.signals[signal] ?? 0);
}
