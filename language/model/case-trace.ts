/**
 * What a case did, step by step, as reports show it (the HTML report's case view): each step's time and outcome,
 * the exchanges of its attempts and the checks of its expect block. Every text in it has passed the run's
 * redactor; bodies are excerpts (TRACE_LIMITS).
 */
export interface CaseTrace {
  /** Time spent waiting for other cases' resources (`resources:` locks) before the first step. */
  readonly lockWaitMs: number;
  /** Time spent waiting for a run slot (`--concurrency`) after the locks. */
  readonly slotWaitMs: number;
  /** The resources the case held while it ran (`resources:`; every case holds the platform shared). */
  readonly resources: { readonly exclusive: readonly string[]; readonly shared: readonly string[] };
  /** The steps in the order they started (nested steps of loops and parallel blocks included). */
  readonly steps: readonly StepTrace[];
  /** Steps left out beyond TRACE_LIMITS.steps. */
  readonly stepsLeftOut?: number;
}

export type StepOutcome = 'passed' | 'failed' | 'skipped';

export interface StepTrace {
  /** The step's place in its catalogue file: line and column of its node. */
  readonly line: number;
  readonly col: number;
  /** Nesting below the case's steps: 0 for a step of `steps:`, 1 inside a loop or parallel block, … */
  readonly depth: number;
  readonly kind: string;
  readonly name?: string;
  /** `${index}` of the enclosing loop round or parallel copy. */
  readonly index?: number;
  /** Wall clock (ms since the epoch) when the step started. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly outcome: StepOutcome;
  /** Why it was skipped (`when`, `since`) or how it failed (the first line of the failure). */
  readonly note?: string;
  /** The attempts' exchanges (retries and poll rounds each one), the last ones when there were many. */
  readonly exchanges: readonly ExchangeTrace[];
  readonly exchangesLeftOut?: number;
  /** Each check of the expect block on the final observation; empty when the step has none. */
  readonly checks: readonly CheckTrace[];
}

/** An HTTP request as a step sent it: what failure texts and traces both show. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One attempt: an HTTP request and its response, or a hook run and its document. */
export type ExchangeTrace =
  | {
      readonly kind: 'http';
      readonly request: SentRequest;
      readonly response?: {
        readonly status: number;
        readonly headers: Readonly<Record<string, string>>;
        readonly body: string;
        readonly latencyMs: number;
      };
      readonly error?: string;
    }
  | {
      readonly kind: 'hook';
      readonly hook: string;
      readonly args: string;
      readonly document?: string;
      readonly error?: string;
    };

/** One check of an expect block: what it asks (as written) and whether the observation met it. */
export interface CheckTrace {
  readonly line: number;
  readonly check: string;
  readonly passed: boolean;
  /** Why it failed. */
  readonly message?: string;
}

/** How much a trace keeps: reports stay small when a case polls a hundred times or a server answers megabytes. */
export const TRACE_LIMITS = {
  steps: 200,
  exchangesPerStep: 10,
  requestBodyChars: 2000,
  responseBodyChars: 4000,
} as const;
