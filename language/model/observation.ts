import type { DataPath } from './data-path.ts';

/**
 * What a request or hook step observed, as expectations and captures read it. runner/exec produces it;
 * assertions checks it. One type for both so that `expect`, `poll` and `capture` work the same on either.
 */
export interface HttpObservation {
  readonly kind: 'http';
  readonly status: number;
  /** Response headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw response text. */
  readonly text: string;
  /** The parsed body: JSON value, array of JSON-lines items, or the text when it does not parse. */
  readonly body: unknown;
  /** How `body` was parsed. */
  readonly parsedAs: 'json' | 'json_lines' | 'text';
  readonly latencyMs: number;
}

/** A hook's result: a JSON document (e.g. a container inspection or a lifecycle configuration). */
export interface DocumentObservation {
  readonly kind: 'document';
  readonly body: unknown;
}

export type Observation = HttpObservation | DocumentObservation;

/** One unmet expectation, pointing at the YAML node that stated it. */
export interface Failure {
  /** Data path of the assertion (or expect key) in the catalogue file, e.g. ['cases', 2, 'steps', 0, 'expect', 'status']. */
  readonly at: DataPath;
  /** What was expected and what was found, one line; secrets already redacted by the caller's scope. */
  readonly message: string;
}

/**
 * Resolves `${…}` references at run time. `lookup` receives a dotted reference (`vars.item_id`, `env.X_API_KEY`,
 * `index`) and throws a ReferenceLookupError (language/eval/reference-error.ts) naming the reference when it is unknown. `call` evaluates the functions
 * of random/time scopes (e.g. `random.hex` with [8]).
 */
export interface TemplateScope {
  lookup(reference: string): unknown;
  call(name: string, args: readonly unknown[]): unknown;
}
