import { nonDefaultRevision } from '../language/eval/esb-revision.ts';
import type { Catalogue, PlannedCase } from '../language/model/catalogue.ts';
import { CATALOGUE_DIR, CATALOGUE_FILE_PATTERN } from '../runner/load/load-catalogue.ts';
import {
  type Coverage,
  caseRemark,
  environmentColumns,
  scenariosInOrder,
  summarizeScenario,
} from './coverage.ts';
import { code, markdownTable, type TableColumn } from './markdown-table.ts';

/** Where the document of the default ESB revision (or of a project without revisions) lives, from the root. */
export const SCENARIOS_DOC = 'docs/scenarios.md';

/** The document of the revision a catalogue was loaded for: docs/scenarios-<revision>.md but for the default. */
export function scenariosDocument(catalogue: Catalogue): string {
  const revision = nonDefaultRevision(catalogue.esb);
  return revision === undefined ? SCENARIOS_DOC : `docs/scenarios-${revision.name}.md`;
}

/** The scope line naming a revision other than the default (the default's document stays as it always was). */
function revisionLines(catalogue: Catalogue): string[] {
  const revision = nonDefaultRevision(catalogue.esb);
  if (revision === undefined) return [];
  return [`  - ESBリビジョン: ${code(revision.name)}（コミット ${code(revision.commit.slice(0, 7))}）`];
}

const MARK: Record<Coverage, string> = { all: '✅', some: '一部', none: '❌' };

/** The Japanese field labels of a case's detail entry, in order. */
const DETAIL_FIELDS = [
  ['guarantee', '保証'],
  ['input', '入力'],
  ['pass_criteria', '合格条件'],
  ['failure_hint', '失敗時の示唆'],
] as const;

/** Renders the scenario document (scenariosDocument names it) from the validated catalogue and matrix. */
export function renderScenarios(catalogue: Catalogue): string {
  const columns = environmentColumns(catalogue);
  const scenarios = scenariosInOrder(catalogue.cases);
  const out: string[] = [
    '<!--',
    `Where: ${scenariosDocument(catalogue)}`,
    'What: Full list of E2E scenario test cases and runtime coverage matrix.',
    `Why: Make ${catalogue.matrix.environments
      .map((e) => e.mode)
      .filter((m, i, all) => all.indexOf(m) === i)
      .join('/')} support status explicit per test case.`,
    '-->',
    '# E2Eシナリオとランタイム対応表',
    '',
    '## 対象範囲',
    '- 参照元:',
    `  - ${code(catalogue.matrix.file)}`,
    `  - ${code(CATALOGUE_FILE_PATTERN)}`,
    ...revisionLines(catalogue),
    '- このドキュメントは、現在実装されているテストケースを一覧化したものです。',
    `- パラメータ化テストは展開後のケース（例: ${expansionExamples(catalogue)}）として記載しています。`,
    '',
    '## シナリオ別サマリー',
    '',
  ];

  const summaries = scenarios.map((s) => summarizeScenario(catalogue, s));
  const summaryColumns: TableColumn[] = [
    { header: 'シナリオ', align: 'left' },
    { header: 'Suite割り当て', align: 'left' },
    { header: '展開後ケース数', align: 'right' },
    ...columns.map((c) => ({ header: c.header, align: 'center' as const })),
    { header: '備考', align: 'left' },
  ];
  const summaryRows = summaries.map((s) => [
    s.scenario,
    s.suites.map(code).join(', '),
    String(s.count),
    ...columns.map((c) => MARK[s.coverage.get(c.env) ?? 'none']),
    s.remark,
  ]);
  summaryRows.push(['**合計**', '', `**${catalogue.cases.length}**`, ...columns.map(() => ''), '']);
  out.push(...markdownTable(summaryColumns, summaryRows), '', '## テスト一覧', '', '### 目的カテゴリ定義');
  for (const category of catalogue.categories) out.push(`- ${code(category.name)}: ${category.description}`);

  const caseColumns: TableColumn[] = [
    { header: 'テストファイル', align: 'left' },
    { header: 'テストケース', align: 'left' },
    { header: '説明ID', align: 'left' },
    { header: '目的カテゴリ', align: 'left' },
    ...columns.map((c) => ({ header: c.header, align: 'center' as const })),
    { header: '備考', align: 'left' },
  ];
  for (const scenario of scenarios) {
    const rows = catalogue.cases
      .filter((c) => c.scenario === scenario)
      .map((c) => [
        fileCell(c),
        code(c.name),
        `[${c.id}](#${c.anchor})`,
        c.category,
        ...columns.map((col) => (c.envs.includes(col.env) ? MARK.all : MARK.none)),
        caseRemark(catalogue, c),
      ]);
    out.push('', `### ${scenario}`, '', ...markdownTable(caseColumns, rows));
  }

  out.push('', '', '## テストケース詳細');
  for (const scenario of scenarios) {
    out.push('', `### ${scenario}`, '');
    for (const c of uniqueEntries(catalogue.cases.filter((x) => x.scenario === scenario))) {
      out.push(`- <a id="${c.anchor}"></a>${code(c.id)}`, '');
      for (const [field, labelText] of DETAIL_FIELDS) out.push(`  ${labelText}:`, `  ${c.doc[field]}`, '');
    }
  }
  out.push(
    '',
    '',
    '---',
    '',
    '',
    '## Implementation references',
    `- ${code(catalogue.matrix.file)}`,
    `- ${code(`${CATALOGUE_DIR}/`)}`,
    '',
  );
  return out.join('\n');
}

/** The catalogue file, and the ESB module it mirrors when that module's name is not the file's (renamed upstream). */
function fileCell(c: PlannedCase): string {
  const stem = c.site.file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  return c.module === stem ? code(c.site.file) : `${code(c.site.file)}（${code(`${c.module}.py`)}）`;
}

/** Expansions that share an ID (RST-001) have one detail entry. */
function uniqueEntries(cases: readonly PlannedCase[]): PlannedCase[] {
  const seen = new Set<string>();
  return cases.filter((c) => !seen.has(c.id) && seen.add(c.id) !== undefined);
}

/** Bracketed expansion keys of the first parametrised declaration, e.g. `[python]`, `[java]`. */
function expansionExamples(catalogue: Catalogue): string {
  const first = catalogue.cases.find((c) => Object.keys(c.params).length > 0);
  if (first === undefined) return 'なし';
  const siblings = catalogue.cases.filter(
    (c) => c.site.file === first.site.file && c.site.index === first.site.index,
  );
  return siblings.map((c) => code(c.name.slice(c.test.length))).join(', ');
}
