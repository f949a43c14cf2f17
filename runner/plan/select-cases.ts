import type { Catalogue, PlannedCase } from '../../language/model/catalogue.ts';

export interface CaseFilter {
  /** Keep cases that run in any of these environments; empty keeps all. */
  readonly envs: readonly string[];
  /** Keep cases of any of these suites; empty keeps all. */
  readonly suites: readonly string[];
}

export class UnknownSelectionError extends Error {}

/** Cases matching the filter, in catalogue order. Unknown environment or suite names are an error. */
export function selectCases(catalogue: Catalogue, filter: CaseFilter): PlannedCase[] {
  const envNames = catalogue.matrix.environments.map((e) => e.name);
  const suiteNames = catalogue.matrix.suites.map((s) => s.name);
  for (const env of filter.envs) {
    if (!envNames.includes(env))
      throw new UnknownSelectionError(
        `unknown environment '${env}'; the matrix defines: ${envNames.join(', ')}`,
      );
  }
  for (const suite of filter.suites) {
    if (!suiteNames.includes(suite))
      throw new UnknownSelectionError(
        `unknown suite '${suite}'; the matrix defines: ${suiteNames.join(', ')}`,
      );
  }
  return catalogue.cases.filter(
    (c) =>
      (filter.envs.length === 0 || filter.envs.some((e) => c.envs.includes(e))) &&
      (filter.suites.length === 0 || filter.suites.includes(c.suite)),
  );
}
