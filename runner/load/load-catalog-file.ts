import { HOOK_TABLE } from '../../hooks/hook-table.ts';
import { ExpressionError } from '../../language/eval/expression-error.ts';
import type {
  CaseDoc,
  CatalogueFile,
  DeclarationSite,
  ExpandedCase,
} from '../../language/model/catalogue.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import { expandedName, expandMatrix } from '../plan/expand-matrix.ts';
import { checkCaseNodes } from './case-checks/check-case-nodes.ts';
import { caseExecution, type RawExecution } from './case-execution.ts';
import { renderCatalogueText, textTemplateProblems } from './catalogue-text.ts';
import { revisionNameProblem } from './check-esb-names.ts';
import { checkHooks, type HookTable } from './check-hooks.ts';
import { checkTemplates } from './check-templates.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { RevisionContext } from './load-esb-revisions.ts';
import { expansionCount, MAX_MATRIX_EXPANSIONS } from './matrix-size.ts';
import { positionInScalar } from './scalar-position.ts';
import { parseAndValidate } from './validated-yaml.ts';
import type { Position, YamlSource } from './yaml-source.ts';

/** A case declaration as the schema guarantees it. */
interface RawCase extends RawExecution {
  test: string;
  matrix?: Record<string, string[]>;
  id: string | Record<string, string>;
  anchor: string;
  category: string;
  notes?: string[];
  doc: CaseDoc;
  since?: string;
}

export interface FileLoadOptions {
  /** The hooks steps may name; hooks/hook-table.ts unless a test brings its own. */
  readonly hooks?: HookTable;
  /** The project's ESB revisions and the one being loaded; none declared unless given. */
  readonly revisions?: RevisionContext;
}

export type FileLoad =
  | { file: CatalogueFile; source: YamlSource; diagnostics: Diagnostic[] }
  | { file: undefined; diagnostics: Diagnostic[] };

const DOC_FIELDS = ['guarantee', 'input', 'pass_criteria', 'failure_hint'] as const;

/** IDs a declaration names, for labelling its diagnostics even when the rest of it is broken. */
function declaredIds(data: unknown, index: number): string[] {
  const cases = (data as { cases?: unknown })?.cases;
  const raw = Array.isArray(cases) ? (cases[index] as { id?: unknown } | undefined)?.id : undefined;
  const values = typeof raw === 'string' ? [raw] : raw && typeof raw === 'object' ? Object.values(raw) : [];
  return [...new Set(values.filter((v): v is string => typeof v === 'string'))];
}

/**
 * Loads one catalogue file: YAML, modeline, schema, then per declaration its hooks and templates, and matrix
 * expansion with IDs and templated text. `file` is relative to `root`; scenario and module follow from it
 * (catalog/<scenario>/<module>.yaml).
 */
export function loadCatalogueFile(
  root: string,
  file: string,
  text: string,
  options: FileLoadOptions = {},
): FileLoad {
  // Schema errors are labelled with the IDs the declaration names, read from the raw data.
  const caseIdsAt = (path: DataPath, data: unknown) =>
    path[0] === 'cases' && typeof path[1] === 'number' ? declaredIds(data, path[1]) : [];
  const { source, diagnostics } = parseAndValidate(root, file, text, 'catalog-file', caseIdsAt);
  if (source === undefined) return { file: undefined, diagnostics };
  const revisions: RevisionContext = options.revisions ?? { state: 'none' };
  const selection = revisions.state === 'selected' ? revisions.selection : undefined;

  const scenario = file.replace(/^catalog\//, '').replace(/\/[^/]+$/, '');
  const module = moduleName(file, source, revisions, diagnostics);
  const declarations = (source.data as { cases: RawCase[] }).cases;
  const cases: ExpandedCase[] = [];
  const seenNames = new Map<string, number>();
  declarations.forEach((raw, index) => {
    const at = (...rest: (string | number)[]) => source.locate(['cases', index, ...rest]);
    const ids = declaredIds(source.data, index);
    const report = (code: string, pos: Position, message: string, fix: string) => {
      // Every expansion renders the same text; report a faulty template once.
      if (
        diagnostics.some(
          (d) => d.code === code && d.line === pos.line && d.col === pos.col && d.message === message,
        )
      )
        return;
      diagnostics.push({ code, file, ...pos, caseIds: ids, message, fix });
    };
    const problem = (code: string, path: (string | number)[], message: string, fix: string, key = false) =>
      report(code, key ? source.locateKey(['cases', index, ...path]) : at(...path), message, fix);
    const casePath = ['cases', index] as const;
    const execution = caseExecution(raw);
    diagnostics.push(
      ...checkHooks(execution.steps, casePath, source, options.hooks ?? HOOK_TABLE, ids),
      ...checkTemplates(raw, casePath, source, Object.keys(raw.matrix ?? {}), ids, revisions),
      ...checkCaseNodes(raw.steps, casePath, source, ids, { fixture: execution.fixture }),
    );
    if (raw.since !== undefined) {
      const wrong = revisionNameProblem(raw.since, `since: ${raw.since}`, revisions);
      if (wrong !== undefined) problem(wrong.code, ['since'], wrong.message, wrong.fix);
    }
    // One site per declaration: its expansions share it.
    const site: DeclarationSite = {
      file,
      index,
      ...pick(source.locate(casePath)),
      path: casePath,
      locate: (path) => source.locate(path),
    };
    const count = expansionCount(raw.matrix);
    if (count > MAX_MATRIX_EXPANSIONS) {
      problem(
        'too-many-expansions',
        ['matrix'],
        `the matrix expands to ${count} cases; a declaration may expand to at most ${MAX_MATRIX_EXPANSIONS}`,
        `use fewer keys or values, or split the declaration (docs/catalogue-steps.md, Limits)`,
        true,
      );
      return;
    }
    const expansions = expandMatrix(raw.matrix);
    const keys = expansions.map((e) => e.key);
    // Resolve the ID of every expansion.
    const idFor = new Map<string, string>();
    if (typeof raw.id === 'string') {
      for (const k of keys) idFor.set(k, raw.id);
    } else if (raw.matrix === undefined) {
      problem(
        'id-mapping-without-matrix',
        ['id'],
        'id is a mapping, but the case has no matrix to expand',
        'write a single ID such as SMK-001, or add a matrix',
      );
    } else {
      for (const k of keys) {
        const id = raw.id[k];
        if (id === undefined) {
          problem(
            'id-missing-expansion',
            ['id'],
            `id names no case ID for the expansion [${k}]`,
            `add '${k}: <ID>' under id (expansions: ${keys.join(', ')})`,
            true,
          );
        } else idFor.set(k, id);
      }
      for (const k of Object.keys(raw.id)) {
        if (!keys.includes(k)) {
          problem(
            'id-unknown-expansion',
            ['id', k],
            `id maps '${k}', which is not an expansion of the matrix`,
            `use the expansion keys: ${keys.join(', ')}`,
            true,
          );
        }
      }
    }
    // Catalogue text (anchor and doc) is a template of language/eval that reads only matrix values: checked once
    // here, then rendered for every expansion.
    const matrixKeys = Object.keys(raw.matrix ?? {});
    const available = matrixKeys.map((p) => `\${matrix.${p}}`);
    const referenceFix =
      available.length > 0
        ? `use one of ${available.join(', ')}`
        : 'this case has no matrix; write the text without ${...} (write $${ for a literal ${)';
    const expressionFix =
      'correct the expression inside ${…} (docs/catalogue-steps.md, Templates and expressions); write $${ for a literal ${';
    const textProblem = (
      path: (string | number)[],
      offset: number,
      length: number,
      message: string,
      fix: string,
    ) =>
      report(
        'template-error',
        positionInScalar(source, ['cases', index, ...path], offset, length),
        message,
        fix,
      );
    const texts: [string, (string | number)[]][] = [
      [raw.anchor, ['anchor']],
      ...DOC_FIELDS.map((field): [string, (string | number)[]] => [raw.doc[field], ['doc', field]]),
    ];
    let textsChecked = true;
    for (const [text, path] of texts) {
      for (const p of textTemplateProblems(text, matrixKeys, revisions)) {
        textsChecked = false;
        textProblem(
          path,
          p.offset,
          p.length,
          p.message,
          p.fix ?? (p.kind === 'syntax' ? expressionFix : referenceFix),
        );
      }
    }
    for (const expansion of textsChecked ? expansions : []) {
      const render = (template: string, path: (string | number)[]): string | undefined => {
        try {
          return renderCatalogueText(template, expansion.params, selection);
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          textProblem(path, error.offset, error.length, error.message, expressionFix);
          return undefined;
        }
      };
      const anchor = render(raw.anchor, ['anchor']);
      const doc: Partial<Record<keyof CaseDoc, string>> = {};
      for (const field of DOC_FIELDS) doc[field] = render(raw.doc[field], ['doc', field]);
      const id = idFor.get(expansion.key);
      if (anchor === undefined || id === undefined || DOC_FIELDS.some((f) => doc[f] === undefined)) continue;
      const name = expandedName(raw.test, expansion);
      const earlier = seenNames.get(name);
      if (earlier !== undefined) {
        problem(
          'duplicate-test',
          ['test'],
          `the test ${name} is declared twice in this file (first at line ${earlier})`,
          'rename one of the tests or merge them into one matrix',
          true,
        );
        continue;
      }
      seenNames.set(name, site.line);
      cases.push({
        id,
        anchor,
        test: raw.test,
        name,
        params: expansion.params,
        category: raw.category,
        notes: raw.notes ?? [],
        doc: doc as CaseDoc,
        scenario,
        module,
        site,
        execution,
        ...(raw.since === undefined ? {} : { since: raw.since }),
        ...(selection === undefined ? {} : { esb: selection }),
      });
    }
  });
  return diagnostics.length > 0
    ? { file: undefined, diagnostics }
    : { file: { file, scenario, module, cases }, source, diagnostics };
}

/**
 * The ESB test module the file mirrors: its `module` text rendered for the revision being loaded (a module renamed
 * upstream keeps one catalogue file), else the file's name. A problem is reported at `module`.
 */
function moduleName(
  file: string,
  source: YamlSource,
  revisions: RevisionContext,
  diagnostics: Diagnostic[],
): string {
  const stem = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  const text = (source.data as { module?: string }).module;
  if (text === undefined) return stem;
  const report = (pos: Position, message: string, fix: string) =>
    diagnostics.push({ code: 'bad-module', file, ...pos, caseIds: [], message, fix });
  const problems = textTemplateProblems(text, [], revisions);
  for (const p of problems)
    report(
      positionInScalar(source, ['module'], p.offset, p.length),
      `module: ${p.message}`,
      p.fix ??
        "write the module's name, or a template reading only esb (docs/catalogue-steps.md, ESB revisions)",
    );
  if (problems.length > 0) return stem;
  const selection = revisions.state === 'selected' ? revisions.selection : undefined;
  let rendered: string;
  try {
    rendered = renderCatalogueText(text, {}, selection);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    report(
      positionInScalar(source, ['module'], error.offset, error.length),
      `module: ${error.message}`,
      'correct the expression inside ${…}',
    );
    return stem;
  }
  if (!/^test_[a-z0-9_]+$/.test(rendered)) {
    report(
      source.locate(['module']),
      `module renders as '${rendered}'${selection === undefined ? '' : ` for ESB ${selection.revision.name}`}, not a test module name`,
      'a module name is test_ followed by lower-case letters, digits or underscores, e.g. test_echo_java',
    );
    return stem;
  }
  return rendered;
}

function pick(p: { line: number; col: number }): { line: number; col: number } {
  return { line: p.line, col: p.col };
}
