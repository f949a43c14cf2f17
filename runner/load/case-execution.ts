import type {
  CaseExecution,
  Fixture,
  JsonValue,
  Resources,
  SkipCondition,
  StepSpec,
} from '../../language/model/steps.ts';

/** The execution keys of a case declaration as the schema guarantees them; every key may be absent. */
export interface RawExecution {
  fixture?: Fixture;
  skip_if?: SkipCondition[];
  resources?: Resources;
  timeout?: number;
  vars?: Record<string, JsonValue>;
  steps?: StepSpec[];
}

/** The case's execution with the defaults of docs/catalogue-steps.md filled in. */
export function caseExecution(raw: RawExecution): CaseExecution {
  return {
    fixture: raw.fixture ?? 'auth',
    skip_if: raw.skip_if ?? [],
    resources: { exclusive: raw.resources?.exclusive ?? [], shared: raw.resources?.shared ?? [] },
    timeout: raw.timeout,
    vars: raw.vars ?? {},
    steps: raw.steps ?? [],
  };
}
