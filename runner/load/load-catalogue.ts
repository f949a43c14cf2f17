import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { revisionSince } from '../../language/eval/esb-revision.ts';
import type {
  Catalogue,
  CatalogueFile,
  ExpandedCase,
  PlannedCase,
  TestMatrix,
} from '../../language/model/catalogue.ts';
import { orderCases, suiteOf } from '../plan/assign-suites.ts';
import { didYouMean } from '../text/closest-name.ts';
import { CatalogueLoadError, type Diagnostic, sortDiagnostics } from './diagnostic.ts';
import { loadCatalogueFile } from './load-catalog-file.ts';
import { type CategoriesLoad, loadCategories } from './load-categories.ts';
import {
  ESB_REVISIONS_FILE,
  loadEsbRevisions,
  type RevisionContext,
  selectRevision,
} from './load-esb-revisions.ts';
import { loadMatrix, type MatrixLoad } from './load-matrix.ts';
import { checkLayout, type LayoutPart, listFolder, readSourceText } from './project-files.ts';
import type { YamlSource } from './yaml-source.ts';

/** Project layout, relative to the root. */
export const CATALOGUE_DIR = 'catalog';
export const CATEGORIES_FILE = 'catalog/categories.yaml';
export const MATRIX_FILE = 'environments/test_matrix.yaml';
/** Catalogue files: one per original test module. Shown in the coverage document. */
export const CATALOGUE_FILE_PATTERN = 'catalog/**/test_*.yaml';

/** What the loader needs to find before it can check anything else. */
const LAYOUT: readonly LayoutPart[] = [
  { path: CATALOGUE_DIR, kind: 'folder', holds: 'the catalogue files, one folder per scenario' },
  {
    path: CATEGORIES_FILE,
    kind: 'file',
    holds: 'the purpose categories (schema/categories.schema.json describes it)',
  },
  {
    path: MATRIX_FILE,
    kind: 'file',
    holds: 'the suites and environments (schema/test-matrix.schema.json describes it)',
  },
];

export interface CatalogueLoadOptions {
  /** The ESB revision to load the catalogue for (--esb, ESB_E2E_ESB); the project's default when absent. */
  readonly esb?: string;
}

/**
 * Loads and validates the whole catalogue under `root` for one ESB revision: the revisions, categories, every
 * catalogue file and the test matrix, then checks what spans files. Cases declared `since` a later revision are
 * checked, then left out. Throws CatalogueLoadError with every problem found, and EsbRevisionError for an
 * `esb` the project does not declare.
 */
export function loadCatalogue(root: string, options: CatalogueLoadOptions = {}): Catalogue {
  const sources = new Map<string, string>();
  const layoutProblems = checkLayout(root, LAYOUT);
  if (layoutProblems.length > 0) throw new CatalogueLoadError(layoutProblems, sources);
  const diagnostics: Diagnostic[] = [];
  // A file whose text is unreadable is reported and left out; the other files are still checked.
  const read = (file: string): string | undefined => {
    const decoded = readSourceText(root, file);
    sources.set(file, decoded.text);
    if (decoded.ok) return decoded.text;
    diagnostics.push(...decoded.diagnostics);
    return undefined;
  };
  const yamlSources = new Map<string, YamlSource>();

  const revisions = revisionContext(root, read, diagnostics, options.esb);
  const selection = revisions.state === 'selected' ? revisions.selection : undefined;

  const categoriesText = read(CATEGORIES_FILE);
  const categoriesLoad: CategoriesLoad =
    categoriesText === undefined
      ? { categories: [], diagnostics: [] }
      : loadCategories(root, CATEGORIES_FILE, categoriesText);
  diagnostics.push(...categoriesLoad.diagnostics);

  const files: CatalogueFile[] = [];
  let failedFiles = 0;
  const listing = listFolder(root, CATALOGUE_DIR);
  diagnostics.push(...listing.diagnostics);
  const paths = listing.files;
  const cataloguePaths = paths.filter((p) => /^catalog\/(.+\/)?test_[a-z0-9_]+\.yaml$/.test(p));
  for (const path of paths) {
    if (path === CATEGORIES_FILE) continue;
    if (!cataloguePaths.includes(path)) {
      diagnostics.push({
        code: 'unexpected-file',
        file: path,
        line: 1,
        col: 1,
        span: 1,
        caseIds: [],
        message: `${path} is not a catalogue file: catalogue files are named ${CATALOGUE_FILE_PATTERN} (lower case, .yaml)`,
        fix: 'rename it to test_<module>.yaml inside a scenario folder, or move it out of catalog/',
      });
      continue;
    }
    if (!/^catalog\/.+\//.test(path)) {
      diagnostics.push({
        code: 'file-outside-scenario',
        file: path,
        line: 1,
        col: 1,
        span: 1,
        caseIds: [],
        message: `${path} lies directly in catalog/, outside any scenario folder`,
        fix: 'move it into a scenario folder such as catalog/standard/',
      });
      continue;
    }
    const text = read(path);
    const loaded = text === undefined ? undefined : loadCatalogueFile(root, path, text, { revisions });
    diagnostics.push(...(loaded?.diagnostics ?? []));
    if (loaded?.file) {
      files.push(loaded.file);
      yamlSources.set(path, loaded.source);
    } else failedFiles++;
  }

  const allCases = files.flatMap((f) => f.cases);
  diagnostics.push(
    ...crossFileChecks(
      allCases,
      new Set(categoriesLoad.categories.map((c) => c.name)),
      yamlSources,
      categoriesText !== undefined && categoriesLoad.diagnostics.length === 0,
    ),
  );

  const matrixText = read(MATRIX_FILE);
  const matrixLoad: MatrixLoad =
    matrixText === undefined
      ? { matrix: undefined, diagnostics: [] }
      : loadMatrix(
          root,
          MATRIX_FILE,
          matrixText,
          cataloguePaths,
          // With a catalogue file that did not load, its IDs are unknown: exclusions by ID are not judged then.
          failedFiles === 0 ? filesOfIds(allCases) : undefined,
        );
  diagnostics.push(...matrixLoad.diagnostics);

  // Every declaration was checked, IDs across revisions included; the revision's cases are those that exist in it.
  const present = (c: ExpandedCase) =>
    c.since === undefined || selection === undefined || revisionSince(selection, c.since);
  let cases: PlannedCase[] = [];
  if (matrixLoad.matrix && matrixLoad.diagnostics.length === 0) {
    const assigned = assignAll(allCases.filter(present), matrixLoad.matrix, yamlSources);
    diagnostics.push(...assigned.diagnostics);
    cases = orderCases(assigned.cases, matrixLoad.matrix);
  }
  if (diagnostics.length > 0) throw new CatalogueLoadError(sortDiagnostics(diagnostics), sources);
  return {
    root,
    categories: categoriesLoad.categories,
    files: files.map((f) => ({ ...f, cases: f.cases.filter(present) })),
    matrix: matrixLoad.matrix as TestMatrix,
    cases,
    ...(selection === undefined ? {} : { esb: selection }),
  };
}

/**
 * What the load knows of the ESB revisions: none (environments/esb_revisions.yaml is optional: a project without it
 * has one unnamed revision, and nothing may name one), a file that did not load (its diagnostics say why), or the
 * revision `esb` names, else the default. Throws EsbRevisionError for an `esb` the project does not declare.
 */
function revisionContext(
  root: string,
  read: (file: string) => string | undefined,
  diagnostics: Diagnostic[],
  esb: string | undefined,
): RevisionContext {
  if (!existsSync(join(root, ESB_REVISIONS_FILE))) {
    selectRevision(undefined, esb);
    return { state: 'none' };
  }
  const text = read(ESB_REVISIONS_FILE);
  if (text === undefined) return { state: 'unjudged' };
  const load = loadEsbRevisions(root, ESB_REVISIONS_FILE, text);
  diagnostics.push(...load.diagnostics);
  const selection = load.revisions === undefined ? undefined : selectRevision(load.revisions, esb);
  return selection === undefined ? { state: 'unjudged' } : { state: 'selected', selection };
}

/** The files that declare each case ID (usually one; a repeated ID is reported elsewhere). */
function filesOfIds(cases: readonly ExpandedCase[]): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const c of cases) {
    const list = files.get(c.id) ?? [];
    if (!list.includes(c.site.file)) list.push(c.site.file);
    files.set(c.id, list);
  }
  return files;
}

/** The expansion key under an `id` mapping that gives a case its ID, so a repeated ID is shown where it is written. */
function idEntry(c: ExpandedCase, field: 'id' | 'anchor'): string | undefined {
  if (field !== 'id') return undefined;
  const key = Object.values(c.params).join('-');
  return key === '' ? undefined : key;
}

/** Unknown categories, and IDs or anchors that two declarations claim. */
function crossFileChecks(
  cases: readonly ExpandedCase[],
  categories: ReadonlySet<string>,
  sources: ReadonlyMap<string, YamlSource>,
  categoriesLoaded: boolean,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (c: ExpandedCase, field: string, entry?: string) =>
    sources
      .get(c.site.file)
      ?.locate(['cases', c.site.index, field, ...(entry === undefined ? [] : [entry])]) ?? {
      line: c.site.line,
      col: c.site.col,
      span: 1,
    };
  const reported = new Set<string>();
  const once = (key: string) => !reported.has(key) && reported.add(key) !== undefined;
  if (categoriesLoaded) {
    for (const c of cases) {
      if (!categories.has(c.category) && once(`cat|${c.site.file}|${c.site.index}`)) {
        diagnostics.push({
          code: 'unknown-category',
          file: c.site.file,
          ...at(c, 'category'),
          caseIds: [c.id],
          message: `unknown category '${c.category}'.${didYouMean(c.category, categories)}`,
          fix: `use one of the categories in catalog/categories.yaml: ${[...categories].join(', ')}`,
        });
      }
    }
  }
  // An ID, and an anchor, belongs to one declaration; expansions of that declaration may share it (RST-001).
  for (const field of ['id', 'anchor'] as const) {
    const owner = new Map<string, ExpandedCase>();
    for (const c of cases) {
      const first = owner.get(c[field]);
      const sameDeclaration = first && first.site.file === c.site.file && first.site.index === c.site.index;
      if (first === undefined) owner.set(c[field], c);
      else if (!sameDeclaration && once(`${field}|${c.site.file}|${c.site.index}|${c[field]}`)) {
        // The later declaration is the one reported; the message shows where the earlier one writes it.
        const firstAt = at(first, field, idEntry(first, field));
        diagnostics.push({
          code: `duplicate-${field}`,
          file: c.site.file,
          ...at(c, field, idEntry(c, field)),
          caseIds: [c.id],
          message: `${field === 'id' ? 'case ID' : 'anchor'} ${c[field]} is already used by ${first.name} at ${first.site.file}:${firstAt.line}:${firstAt.col}`,
          fix: `give this case its own ${field === 'id' ? 'ID' : 'anchor'}`,
        });
      }
    }
  }
  // Within one declaration, expansions that share an ID must share its anchor: they have one detail entry.
  const anchorOfId = new Map<string, string>();
  for (const c of cases) {
    const key = `${c.site.file}|${c.site.index}|${c.id}`;
    const anchor = anchorOfId.get(key);
    if (anchor !== undefined && anchor !== c.anchor && once(`idanchor|${c.id}`)) {
      diagnostics.push({
        code: 'shared-id-anchor-differs',
        file: c.site.file,
        ...at(c, 'anchor'),
        caseIds: [c.id],
        message: `expansions sharing the ID ${c.id} have different anchors (${anchor}, ${c.anchor})`,
        fix: 'give the expansions one anchor, or give each expansion its own ID',
      });
    }
    anchorOfId.set(key, c.anchor);
  }
  return diagnostics;
}

/** Places every case in exactly one suite; a case in none, or in several, is an error at its declaration. */
function assignAll(
  cases: readonly ExpandedCase[],
  matrix: TestMatrix,
  sources: ReadonlyMap<string, YamlSource>,
) {
  const diagnostics: Diagnostic[] = [];
  const planned: PlannedCase[] = [];
  const reported = new Set<string>();
  for (const c of cases) {
    const suites = suiteOf(c, matrix);
    const key = `${c.site.file}|${c.site.index}`;
    const pos = sources.get(c.site.file)?.locateKey(['cases', c.site.index, 'test']) ?? {
      line: c.site.line,
      col: c.site.col,
      span: 1,
    };
    const [suite] = suites;
    if (suite === undefined || suites.length > 1) {
      if (!reported.has(key)) {
        reported.add(key);
        const ids = [
          ...new Set(
            cases
              .filter((o) => o.site.file === c.site.file && o.site.index === c.site.index)
              .map((o) => o.id),
          ),
        ];
        diagnostics.push(
          suite === undefined
            ? {
                code: 'case-in-no-suite',
                file: c.site.file,
                ...pos,
                caseIds: ids,
                message: `${c.test} belongs to no suite: no target in ${matrix.file} covers ${c.site.file} (or it is excluded)`,
                fix: `add ${c.site.file.replace(/^/, '../')} or its folder to a suite's targets in ${matrix.file}`,
              }
            : {
                code: 'case-in-several-suites',
                file: c.site.file,
                ...pos,
                caseIds: ids,
                message: `${c.test} belongs to several suites (${suites.join(', ')})`,
                fix: `keep ${c.site.file} in the targets of one suite, or exclude it from the others`,
              },
        );
      }
      continue;
    }
    const envs = matrix.environments.filter((e) => e.suites.includes(suite)).map((e) => e.name);
    planned.push({ ...c, suite, envs });
  }
  return { cases: planned, diagnostics };
}
