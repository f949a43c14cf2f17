import type { JsonValue, StepSpec } from '../../language/model/steps.ts';

/** What a step kind's bound may use (runner/exec/case-deadline.ts provides it). */
export interface StepBounds {
  /** A declared number: itself, or `fallback` when a template yields it only at run time. */
  number(value: unknown, fallback: number): number;
  /** The bound of nested steps run in sequence, in seconds. */
  steps(steps: readonly StepSpec[]): number;
}

import type { StepExecutor } from './step-context.ts';

/** A JSON Schema object (draft 2020-12), as plain data. */
export type SchemaObject = { readonly [key: string]: JsonValue };

/**
 * What every step kind says about itself, beside how it runs. The catalogue schema (schema/catalog-file.schema.json)
 * and the list of step kinds in docs/catalogue-steps.md are generated from it (npm run docs); the tests load its
 * examples. A new kind is its model type (language/model/steps.ts), one file with its entry and one line in
 * step-table.ts.
 */
export interface StepKindEntry<S extends StepSpec, N extends string = string> {
  /** Its action key in a step, e.g. `sleep`. */
  readonly name: N;
  /** One line for docs/catalogue-steps.md: what a step of this kind does. */
  readonly doc: string;
  /**
   * The step properties the kind brings: its action key first, then any key only its steps take (a hook step's
   * `with`). They become `$defs.step.properties`, and every key but the action key is refused on other kinds.
   */
  readonly properties: SchemaObject;
  /** Definitions its properties refer to (`#/$defs/<name>`), added to the schema's `$defs`. */
  readonly defs?: SchemaObject;
  /** Whether its steps observe a result, and so take retry, poll, expect and capture. */
  readonly observes: boolean;
  /** Steps of this kind as a catalogue writes them; the loader must accept each. */
  readonly examples: readonly SchemaObject[];
  /**
   * The longest a step of this kind takes by its own declared numbers, in seconds: what the case's default
   * deadline adds up (runner/exec/case-deadline.ts). For a kind that observes, one attempt: retry and poll are
   * counted there, the same for every such kind.
   */
  readonly boundSeconds: (step: S, bounds: StepBounds) => number;
  readonly execute: StepExecutor<S>;
}
