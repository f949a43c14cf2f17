import type { SentRequest } from '../../language/model/case-trace.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import type { Failure } from '../../language/model/observation.ts';
import type { StepKind } from '../../language/model/steps.ts';

/** The last HTTP exchange of a failing request step, for the failure text (redacted when rendered). */
export interface HttpEvidence {
  readonly kind: 'http';
  readonly request: SentRequest;
  readonly response?: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly text: string;
    readonly latencyMs: number;
    /** Set when the body was longer than the runner keeps (runner/exec/http-client.ts MAX_BODY_BYTES). */
    readonly cut?: { readonly totalBytes: number; readonly sha256: string };
  };
  /** The transport error or timeout that ended the exchange instead of a response. */
  readonly error?: string;
}

/** The last run of a failing hook step. */
export interface HookEvidence {
  readonly kind: 'hook';
  readonly hook: string;
  readonly args: unknown;
  readonly document?: unknown;
  readonly error?: string;
}

export type Evidence = HttpEvidence | HookEvidence;

export interface FailedStep {
  /** Absolute data path of the step in its catalogue file. */
  readonly at: DataPath;
  readonly kind: StepKind;
  readonly name?: string;
}

/** A step did not meet its expectations (or could not run); runCase turns it into the case's failure text. */
export class StepFailedError extends Error {
  readonly step: FailedStep;
  readonly failures: readonly Failure[];
  readonly evidence?: Evidence;
  /** Where inside loops and parallel copies it happened, outermost last (e.g. "loop round 3 of 10"). */
  readonly context: readonly string[];

  constructor(
    step: FailedStep,
    failures: readonly Failure[],
    evidence?: Evidence,
    context: readonly string[] = [],
  ) {
    super(failures.map((f) => f.message).join('; ') || 'the step failed');
    this.name = 'StepFailedError';
    this.step = step;
    this.failures = failures;
    this.evidence = evidence;
    this.context = context;
  }

  /** The same failure, noting the loop round or parallel copy it happened in. */
  within(where: string): StepFailedError {
    return new StepFailedError(this.step, this.failures, this.evidence, [...this.context, where]);
  }
}

/** One line for an error that is not an unmet expectation (template error, hook error, transport error). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
