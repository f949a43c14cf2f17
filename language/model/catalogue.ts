import type { CaseExecution } from './steps.ts';

/** The four document fields of a case, in document order. */
export interface CaseDoc {
  readonly guarantee: string;
  readonly input: string;
  readonly pass_criteria: string;
  readonly failure_hint: string;
}

export interface Category {
  readonly name: string;
  readonly description: string;
}

/** Where a case is declared; errors and reports point here. */
export interface DeclarationSite {
  /** Catalogue file relative to the project root, e.g. catalog/smoke/test_smoke.yaml. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Index of the declaration in the file's `cases` list. */
  readonly index: number;
  /** Data path of the declaration in its file: ['cases', index]. */
  readonly path: readonly (string | number)[];
  /**
   * Line, column and caret width of any value in the declaration's file, by absolute data path (e.g.
   * [...site.path, 'steps', 2, 'expect']); a path that does not exist answers with its nearest existing ancestor.
   */
  locate(path: readonly (string | number)[]): { line: number; col: number; span: number };
}

/** An ESB revision the catalogue can run against (environments/esb_revisions.yaml). */
export interface EsbRevision {
  /** What --esb names, e.g. 2026-03-02. */
  readonly name: string;
  readonly commit: string;
  readonly description: string;
}

/**
 * The ESB revision a catalogue was loaded for, among every revision it knows (oldest first). Templates read it as
 * ${esb.revision}, ${esb.commit} and ${esb.since('<name>')}; `since: <name>` keys are judged against it.
 */
export interface EsbSelection {
  readonly revision: EsbRevision;
  readonly revisions: readonly EsbRevision[];
  /** The revision used when none is named. */
  readonly defaultName: string;
}

/** One case after matrix expansion: what a runner executes and a report names. */
export interface ExpandedCase {
  readonly id: string;
  readonly anchor: string;
  /** Original test function name, e.g. test_runtime_echo. */
  readonly test: string;
  /** Expanded name, e.g. test_runtime_echo[python]; equals `test` without a matrix. */
  readonly name: string;
  /** Matrix values of this expansion, e.g. { runtime: 'python' }. */
  readonly params: Readonly<Record<string, string>>;
  readonly category: string;
  readonly notes: readonly string[];
  readonly doc: CaseDoc;
  /** Folder below catalog/, e.g. smoke or runtime/java. */
  readonly scenario: string;
  /** File stem, the original test module, e.g. test_smoke. */
  readonly module: string;
  readonly site: DeclarationSite;
  /** What the runner executes, with defaults filled in; templates are rendered at run time. */
  readonly execution: CaseExecution;
  /** The ESB revision the case was loaded for; absent when the project declares no revisions. */
  readonly esb?: EsbSelection;
  /** The first ESB revision the case exists in (`since:`); a load for an earlier revision leaves it out. */
  readonly since?: string;
}

export interface CatalogueFile {
  readonly file: string;
  readonly scenario: string;
  readonly module: string;
  readonly cases: readonly ExpandedCase[];
}

export interface SuiteTarget {
  /** As written in the matrix, e.g. ../catalog/standard/. */
  readonly text: string;
  /** Resolved relative to the project root; folders end with '/'. */
  readonly path: string;
  readonly kind: 'file' | 'folder';
}

export type PartialRemarkStyle = 'unassigned' | 'only';

export interface Suite {
  readonly name: string;
  readonly targets: readonly SuiteTarget[];
  /** Case IDs and resolved paths left out of the suite. */
  readonly exclude: readonly string[];
  readonly partialRemark: PartialRemarkStyle;
}

export type RuntimeMode = 'docker' | 'containerd';

export interface Environment {
  readonly name: string;
  readonly mode: RuntimeMode;
  readonly suites: readonly string[];
}

export interface TestMatrix {
  /** The matrix file relative to the project root. */
  readonly file: string;
  readonly suites: readonly Suite[];
  readonly environments: readonly Environment[];
}

/** A case with its place in the matrix. */
export interface PlannedCase extends ExpandedCase {
  readonly suite: string;
  /** Environments that run it, in matrix order. */
  readonly envs: readonly string[];
}

/** The validated catalogue: everything the runner, the CLI and the docs generator read. */
export interface Catalogue {
  readonly root: string;
  readonly categories: readonly Category[];
  readonly files: readonly CatalogueFile[];
  readonly matrix: TestMatrix;
  /** Every expanded case in run and document order: suites, then targets, then files by name, then definition order. */
  readonly cases: readonly PlannedCase[];
  /** The ESB revision the catalogue was loaded for; absent when the project declares no revisions. */
  readonly esb?: EsbSelection;
}
