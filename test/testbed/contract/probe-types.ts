import type { EsbBehaviour, EsbRevisionName } from '../../../testbed/revisions/esb-behaviour.ts';
import type { TestbedClient } from '../../helpers/testbed-client.ts';

export type StackMode = 'docker' | 'containerd';

/** One JSON-lines entry of `/select/logsql/query`: every stored value is a string (contract §7.1). */
export type LogHit = Record<string, string>;

/** One entry of `GET /metrics/pools` (contract §5.6), as received. */
export type PoolEntry = Record<string, unknown> & { function_name: string };

/** A gateway answer, read once: status, headers, raw text and the JSON value when the text parses. */
export interface GatewayAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
  readonly elapsedMs: number;
}

export interface CallOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** Send no Authorization header (the token is added otherwise). */
  readonly anonymous?: boolean;
  readonly timeoutMs?: number;
}

export interface LogWaitOptions {
  readonly minHits?: number;
  readonly timeoutMs?: number;
  readonly limit?: number;
  /** The wait succeeds only when some hit satisfies it (wait_for_hits, contract §7.3). */
  readonly matcher?: (hit: LogHit) => boolean;
  /** A condition on the whole set of hits that must also hold (e.g. "some hit is DEBUG"). */
  readonly until?: (hits: readonly LogHit[]) => boolean;
}

/** What every probe gets: one running stack, a cached login, and the polling helpers of contract §5.6 and §7.3. */
export interface ProbeContext {
  readonly client: TestbedClient;
  readonly env: Readonly<Record<string, string>>;
  readonly mode: StackMode;
  /** The ESB revision the stack stands in for, and what it does differently. */
  readonly esbName: EsbRevisionName;
  readonly esb: EsbBehaviour;
  /** The IdToken of one login, cached for the whole probe run (as the auth fixture does per module). */
  token(): Promise<string>;
  /** A gateway call with a JSON body (`body` undefined sends none); the token is added unless `anonymous`. */
  call(path: string, body?: unknown, options?: CallOptions): Promise<GatewayAnswer>;
  /** One LogsQL query; a non-200 answer counts as no hits. */
  queryLogs(query: string, limit?: number): Promise<LogHit[]>;
  /** Polls until `minHits` hits (and the matcher, if any) hold; returns the last hits and whether they did. */
  waitForLogs(query: string, options?: LogWaitOptions): Promise<{ hits: LogHit[]; found: boolean }>;
  /** `GET /metrics/pools` with auth; fails on a non-200 answer. */
  pools(): Promise<PoolEntry[]>;
  /** Polls /metrics/pools until the entry of `functionName` satisfies `predicate`; fails with the last entry. */
  waitForPool(
    functionName: string,
    predicate: (entry: PoolEntry) => boolean,
    options?: { timeoutMs?: number; what?: string },
  ): Promise<PoolEntry>;
}

/** One contract point the testbed must hold; `run` throws an AssertionError naming what did not hold. */
export interface ContractProbe {
  readonly name: string;
  /** Contract section and case ids, e.g. `§2 STD-007`. */
  readonly section: string;
  /** Modes whose answer this probe checks; absent means the point holds the same in both modes. */
  readonly modes?: readonly StackMode[];
  /** The first ESB revision with this contract point; absent: every revision has it. */
  readonly since?: EsbRevisionName;
  /** Its expected answer differs by ESB revision (it reads ctx.esb): the baseline checks it on each revision. */
  readonly perRevision?: boolean;
  run(ctx: ProbeContext): Promise<void>;
}
