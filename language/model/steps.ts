/**
 * The executable part of a catalogue case, as the schema (schema/catalog-file.schema.json) guarantees it.
 * docs/catalogue-steps.md is the reference for the semantics. Values typed `Templated<T>` may be a string holding
 * `${…}`, rendered at run time by language/eval/template.
 */

/** A plain JSON value, as YAML's core schema yields it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A value that may instead be a template string rendered at run time. */
export type Templated<T> = T | string;

export type Fixture = 'none' | 'health' | 'auth';

export interface SkipCondition {
  /** An expression; the case is skipped when it is truthy. */
  readonly when: string;
  readonly reason: string;
}

export interface Resources {
  readonly exclusive?: readonly string[];
  readonly shared?: readonly string[];
}

/** Everything a case declares for execution. */
export interface CaseExecution {
  readonly fixture: Fixture;
  readonly skip_if: readonly SkipCondition[];
  readonly resources: Required<Resources>;
  /** The case's deadline in seconds, as declared; undefined: derived from its steps (runner/exec/case-deadline.ts). */
  readonly timeout: number | undefined;
  /** Name -> template, evaluated in order at case start. */
  readonly vars: Readonly<Record<string, JsonValue>>;
  readonly steps: readonly StepSpec[];
}

export type RequestTarget = 'gateway' | 'invoke' | 'victorialogs' | 'agent_metrics' | 's3';

export interface RequestSpec {
  readonly target?: RequestTarget;
  readonly method?: string;
  readonly path?: Templated<string>;
  readonly function?: Templated<string>;
  readonly invocation_type?: Templated<string>;
  readonly query?: Readonly<Record<string, JsonValue>>;
  readonly headers?: Readonly<Record<string, Templated<string>>>;
  readonly json?: JsonValue;
  readonly text?: Templated<string>;
  readonly auth?: 'token' | 'none';
  /** Seconds; 'none' sends without a timeout. Default 30. */
  readonly timeout?: Templated<number> | 'none';
}

export interface RetrySpec {
  readonly attempts: Templated<number>;
  readonly interval?: Templated<number>;
  readonly on_status?: readonly number[];
  readonly on_transport_error?: boolean;
  /** Retry read timeouts too (default false: request_with_retry lets them fail the case). */
  readonly on_read_timeout?: boolean;
  /** When the last attempt ends in an error, use the last response received, if any (default false). */
  readonly keep_last_response?: boolean;
}

export interface PollSpec {
  readonly timeout?: Templated<number>;
  readonly attempts?: Templated<number>;
  readonly interval?: Templated<number>;
  readonly until?: ExpectSpec;
  readonly accumulate?: boolean;
  readonly require_each?: ExpectSpec;
  /** A round that ends in a transport or hook error: 'retry' (default) or 'fail' the step with it. */
  readonly errors?: 'retry' | 'fail';
  /** When the limit is reached without `until` holding: 'fail' the step (default) or 'continue' with it. */
  readonly on_limit?: 'fail' | 'continue';
}

export type BodyParse = 'json' | 'json_lines' | 'text';

export interface ExpectSpec {
  /** A status, a list of accepted statuses, or a range such as {gte: 500}. */
  readonly status?: number | readonly number[] | StatusRange;
  readonly latency_under?: Templated<number>;
  readonly parse?: BodyParse;
  readonly assert?: readonly AssertionSpec[];
  readonly any_of?: readonly ExpectSpec[];
}

/** A range of statuses, e.g. {gte: 500} for any server error. */
export interface StatusRange {
  readonly gt?: number;
  readonly gte?: number;
  readonly lt?: number;
  readonly lte?: number;
}

/**
 * One assertion: exactly one subject (path, header, body, value) or none with `any_of`; operators and modifiers.
 * Operator names are the keys of assertions/operator-table.ts.
 */
export interface AssertionSpec {
  readonly path?: Templated<string>;
  readonly header?: Templated<string>;
  readonly body?: 'raw';
  readonly value?: JsonValue;
  // modifiers
  readonly any?: boolean;
  readonly ignore_case?: boolean;
  readonly default?: JsonValue;
  readonly parse_json?: boolean;
  readonly assert?: readonly AssertionSpec[];
  readonly any_of?: readonly (readonly AssertionSpec[])[];
  /** The first ESB revision the assertion is checked in. */
  readonly since?: string;
  /**
   * Operators, by their keys in assertions/operator-table.ts (each operator file has its operand's schema);
   * the catalogue schema admits exactly those, so the model does not repeat the list.
   */
  readonly [operator: string]: unknown;
}

export type CaptureSpec =
  | string
  | { readonly path: Templated<string>; readonly regex?: string }
  | { readonly header: Templated<string>; readonly regex?: string };

interface StepCommon {
  readonly name?: string;
  /** An expression; the step is skipped when it is falsy. */
  readonly when?: string;
  /** The first ESB revision the step runs in; skipped for earlier ones. */
  readonly since?: string;
}

interface ObservedStep extends StepCommon {
  readonly retry?: RetrySpec;
  readonly poll?: PollSpec;
  readonly expect?: ExpectSpec;
  readonly capture?: Readonly<Record<string, CaptureSpec>>;
}

export interface RequestStep extends ObservedStep {
  readonly request: RequestSpec;
}

export interface HookStep extends ObservedStep {
  readonly hook: string;
  readonly with?: Readonly<Record<string, JsonValue>>;
}

export interface SleepStep extends StepCommon {
  readonly sleep: Templated<number>;
}

export interface ParallelStep extends StepCommon {
  readonly parallel: { readonly count?: Templated<number>; readonly steps: readonly StepSpec[] };
}

export interface LoopStep extends StepCommon {
  readonly loop: { readonly count: Templated<number>; readonly steps: readonly StepSpec[] };
}

export interface AssertStep extends StepCommon {
  readonly assert: readonly AssertionSpec[];
}

export type StepSpec = RequestStep | HookStep | SleepStep | ParallelStep | LoopStep | AssertStep;

/** The action keys, one per step kind; runner/exec/step-table.ts registers one executor per key. */
export const STEP_KINDS = ['request', 'hook', 'sleep', 'parallel', 'loop', 'assert'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
