import type { JsonValue } from '../language/model/steps.ts';

/**
 * Scopes of hooks that change the platform. Against the testbed every scope is allowed; against an external
 * ESB a scope must be allowed explicitly (`esb-e2e run --allow control-plane`), else the case is skipped.
 */
export type HookScope = 'control-plane' | 'read-only';

/** What a hook may use: the client environment of the run (contract §1.1) and an abort signal. */
export interface HookContext {
  /** The client environment: GATEWAY_URL, PROJECT_NAME, PORT_S3, RUSTFS_ACCESS_KEY, … */
  readonly env: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

/**
 * One hook, listed once in hooks/hook-table.ts. The catalogue schema embeds its `with` schema and
 * docs/catalogue-steps.md lists it, both generated from the table (npm run docs).
 */
export interface HookDefinition {
  readonly name: string;
  readonly scope: HookScope;
  /** One line for `esb-e2e hooks` and the docs: what it does and the document it returns. */
  readonly description: string;
  /** JSON Schema (draft 2020-12) of its `with` mapping; the catalogue schema embeds it. */
  readonly withSchema: Readonly<Record<string, JsonValue>>;
  /** A `with` that its schema accepts: the docs show it, the tests validate it against the catalogue schema. */
  readonly exampleWith: Readonly<Record<string, JsonValue>>;
  /**
   * The most one run may take, in seconds: the step aborts the hook's signal then and the attempt fails as a
   * timeout (retry and poll treat it like any hook error). Every call a hook makes must honour the signal.
   */
  readonly timeoutSeconds: number;
  /** Runs the hook and returns the document that the step's expect, poll and capture read. */
  run(args: Readonly<Record<string, JsonValue>>, ctx: HookContext): Promise<JsonValue>;
}
