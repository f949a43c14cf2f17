/**
 * `import { … } from 'esb-e2e/api'`: esb-e2e from code, in the three steps the CLI takes.
 *
 * - `defaultProjectRoot()`: the project root the CLI uses without ESB_E2E_ROOT (the nearest folder with catalog/).
 * - `loadCatalogue(root)`: reads catalog/, catalog/categories.yaml and environments/test_matrix.yaml and checks
 *   them; throws `CatalogueLoadError`: its `diagnostics` name file:line:col, case IDs and fix, `render()` prints them.
 * - `planRun(catalogue, selection)`: the cases each environment runs, in run order (empty lists select all);
 *   throws `UnknownSelectionError` for an unknown environment, suite or ID.
 * - `main(argv, { targets })`: the whole `esb-e2e` command (list, run, help, version) with the run targets given,
 *   the default first; resolves to its exit code. `EXTERNAL_TARGET` runs against an ESB that is already up
 *   (GATEWAY_URL and credentials from the environment or --client-env); the local testbed target is only in the
 *   `esb-e2e` binary.
 */
export type { Catalogue, PlannedCase } from '../language/model/catalogue.ts';
export { type CliParts, main } from '../runner/cli/main.ts';
export { defaultProjectRoot } from '../runner/load/default-root.ts';
export { CatalogueLoadError, type Diagnostic } from '../runner/load/diagnostic.ts';
export { loadCatalogue } from '../runner/load/load-catalogue.ts';
export { type EnvironmentPlan, planRun, type RunSelection } from '../runner/plan/plan-run.ts';
export { UnknownSelectionError } from '../runner/plan/select-cases.ts';
export { EXTERNAL_TARGET } from '../runner/targets/external-target.ts';
export type { RunTarget, RunTargets } from '../runner/targets/run-target.ts';
