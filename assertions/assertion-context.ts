import type { Observation, TemplateScope } from '../language/model/observation.ts';

/** What one assertion reads. Nested assertions keep the observation and scope and replace the document. */
export interface AssertionContext {
  readonly observation: Observation;
  /** The document that `$` names: the parsed body, or one match inside nested `assert`/`any_of`. */
  readonly document: unknown;
  readonly scope: TemplateScope;
}
