/**
 * The seam between the agent's API and the thing that actually runs workers: plain child processes (tests,
 * machines without Docker) or Docker containers (the testbed proper). The agent owns port choice, memory
 * limits and health waiting; a backend only starts, lists, inspects and removes.
 */

/** One worker as the Agent API shows it (`POST /v1/workers`, `GET /v1/workers`). */
export interface WorkerRecord {
  readonly id: string;
  readonly name: string;
  readonly functionName: string;
  /** Always loopback: workers use host networking. */
  readonly host: '127.0.0.1';
  readonly port: number;
}

/** What the agent asks a backend to start. */
export interface WorkerLaunch {
  readonly functionName: string;
  readonly port: number;
  /** Memory limit in bytes; undefined means no limit (lambda-image). */
  readonly memoryBytes: number | undefined;
}

/** Container states as containerd reports them (contract §5.7). */
export type WorkerState = 'RUNNING' | 'PAUSED' | 'STOPPED' | 'UNKNOWN';

/** The containerd-mode answer of `GET /v1/workers/<id>/metrics`; field names are the contract's (§5.7). */
export interface ContainerMetrics {
  readonly container_id: string;
  readonly function_name: string;
  readonly container_name: string;
  readonly state: WorkerState;
  readonly memory_current: number;
  /** The memory limit in bytes: 134217728 for a 128 MiB function. */
  readonly memory_max: number;
  readonly oom_events: number;
  readonly cpu_usage_ns: number;
  readonly exit_code: number;
  readonly restart_count: number;
  /** ISO-8601 time the worker exited, or null while it has not. */
  readonly exit_time: string | null;
  /** ISO-8601 time these figures were read. */
  readonly collected_at: string;
}

export interface WorkerBackend {
  /** Shown in logs and used by tests; no behaviour depends on it. */
  readonly kind: 'process' | 'docker';
  /** Starts a worker. Resolves once it is started, not once it is healthy; rejects when it cannot start. */
  create(launch: WorkerLaunch): Promise<WorkerRecord>;
  /**
   * Starts a spare (README "Spare workers"): a worker process in standby on `port`, with the service environment
   * and no function; its record's functionName is ''. Resolves once started, not once it answers.
   */
  createSpare(port: number): Promise<WorkerRecord>;
  /**
   * Makes a spare the worker of `launch.functionName` on the spare's own port (launch.port is the spare's): gives
   * it the function's memory limit, environment and worker name. Resolves once the function is loaded; the
   * record keeps the spare's id. Rejects when the spare cannot take it (the caller removes the spare).
   */
  assign(spare: WorkerRecord, launch: WorkerLaunch): Promise<WorkerRecord>;
  /** Removes a worker, killing it if it runs. Resolves also for an id that is already gone. */
  remove(id: string): Promise<void>;
  /**
   * Every worker of this project the backend knows, alive or exited: what an agent adopts at start. Spares not
   * yet assigned are listed with functionName '' (an adopting agent removes them).
   */
  list(): Promise<WorkerRecord[]>;
  /** Whether the worker's process still runs; false for an unknown id. */
  isRunning(id: string): Promise<boolean>;
  /** Containerd-style metrics of one worker, or undefined for an unknown id. */
  metrics(id: string): Promise<ContainerMetrics | undefined>;
}
