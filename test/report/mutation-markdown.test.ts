import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '../../runner/load/diagnostic.ts';
import { acceptSurvivors, loadAcceptRules, unusedRuleLine } from '../../runner/mutate/accepted-survivors.ts';
import type { CaseMutations } from '../../runner/mutate/mutate-cases.ts';
import { mutationMarkdown } from '../../runner/mutate/mutation-markdown.ts';
import {
  MUTATION_REPORT_FORMAT,
  type MutationReport,
  readMutationReport,
  suiteScores,
} from '../../runner/mutate/mutation-report.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function report(cases: CaseMutations[]): MutationReport {
  return {
    format: MUTATION_REPORT_FORMAT,
    startedAt: '2026-12-01T02:00:00.000Z',
    env: 'e2e-docker',
    esb: { revision: '2026-02-17', commit: 'aeec2c891ca06eed5ff07cf2d6dfa8aadaf7df88' },
    seed: 1,
    budget: 30,
    perAnswer: 10,
    caseSeconds: 120,
    suites: suiteScores(cases),
    cases,
  };
}

const mutated: CaseMutations = {
  env: 'e2e-docker',
  id: 'STD-020',
  title: 'STD-020 test_list_objects',
  suite: 'standard',
  file: 'catalog/standard/test_s3.yaml',
  line: 40,
  baseline: 'passed',
  answers: 2,
  candidates: 40,
  sampled: 20,
  tried: 18,
  killed: 15,
  survivors: [
    {
      endpoint: 'GATEWAY_URL',
      request: 'GET /api/s3/list?prefix=a|b',
      answer: 2,
      change: '$.objects: foreign element added',
      promised: true,
    },
    {
      endpoint: 'GATEWAY_URL',
      request: 'GET /api/s3/list',
      answer: 2,
      change: 'header x-id removed',
      promised: false,
    },
  ],
  unreached: 1,
};
const skipped: CaseMutations = {
  env: 'e2e-docker',
  id: 'RST-001',
  title: 'RST-001 test_restart[gateway]',
  suite: 'restart',
  file: 'catalog/restart/test_restart.yaml',
  line: 4,
  baseline: 'skipped',
  reason: 'uses hook inspect_service of scope control-plane',
  answers: 0,
  candidates: 0,
  tried: 0,
  killed: 0,
  survivors: [],
  unreached: 0,
};

test('the mutation report page: how it was made, the kill rate per suite beside the earlier one, and the survivors', () => {
  const earlier = report([
    { ...mutated, killed: 10, survivors: [...mutated.survivors, ...mutated.survivors] },
  ]);
  const page = mutationMarkdown([report([mutated, skipped])], new Map([['e2e-docker', earlier]]));
  assert.match(page, /^# Mutation report\n/);
  assert.match(
    page,
    /on 2026-12-01: seed 1, at most 30 mutations a case and 10 an answer, 120 s of reruns a case, ESB 2026-02-17 \(aeec2c8\)/,
  );
  assert.match(
    page,
    /^\| environment \| suite \| cases \| tried \| killed \| survived \| score \| before \|$/m,
  );
  assert.match(page, /^\| e2e-docker \| standard \| 1 \| 18 \| 15 \| 2 \| 88% \| 71% \|$/m);
  assert.match(page, /^\| e2e-docker \| restart \| 1 \| 0 \| 0 \| 0 \| - \| - \|$/m);
  assert.match(
    page,
    /^- STD-020 test_list_objects \(catalog\/standard\/test_s3\.yaml:40\): 18 tried, 2 left by the time budget, 15 killed, 2 survived \(88%\)$/m,
  );
  assert.match(
    page,
    /^ {2}- `GET \/api\/s3\/list\?prefix=a\|b` \(GATEWAY_URL answer 2\): `\$\.objects: foreign element added` — its document promises this$/m,
  );
  assert.match(page, /^ {2}- `GET \/api\/s3\/list` \(GATEWAY_URL answer 2\): `header x-id removed`$/m);
  assert.match(
    page,
    /^- RST-001 test_restart\[gateway\] \(catalog\/restart\/test_restart\.yaml:4\): not mutated, it skipped as it is: uses hook/m,
  );
});

const ACCEPTED_FILE = 'docs/mutations/accepted.yaml';
const acceptedYaml = (rules: string) =>
  `# yaml-language-server: $schema=../../schema/mutation-accepted.schema.json\naccepted:\n${rules}`;

test('accepted survivors: a rule marks the survivors it covers with its reason, the page counts them apart from the gaps, and a rule that covers nothing is named at its line', () => {
  const loaded = loadAcceptRules(
    root,
    ACCEPTED_FILE,
    acceptedYaml(
      [
        '  - change: header x-* removed',
        '    request: GET /api/s3/*',
        '    cases: [STD-0*]',
        '    reason: the ID cases check these headers once',
        '  - change: "$.objects: *"',
        '    cases: [STD-999]',
        '    reason: covers nothing here',
        '',
      ].join('\n'),
    ),
  );
  assert.deepEqual(loaded.diagnostics, []);
  assert.ok(loaded.rules !== undefined);
  const { reports, covered, unused } = acceptSurvivors([report([mutated, skipped])], loaded.rules);
  const survivors = reports[0]?.cases[0]?.survivors ?? [];
  assert.deepEqual(
    survivors.map((s) => [s.change, s.accepted]),
    [
      ['$.objects: foreign element added', undefined],
      ['header x-id removed', 'the ID cases check these headers once'],
    ],
  );
  assert.equal(reports[0]?.suites.find((s) => s.suite === 'standard')?.accepted, 1);
  assert.deepEqual(
    unused.map((rule) => unusedRuleLine(rule)),
    [
      'docs/mutations/accepted.yaml:7: the accepted-survivors rule for $.objects: * covers no survivor; remove it',
    ],
  );
  const page = mutationMarkdown(reports, new Map(), { file: ACCEPTED_FILE, covered });
  assert.match(
    page,
    /^\| environment \| suite \| cases \| tried \| killed \| survived \| accepted \| gaps \| score \|$/m,
  );
  assert.match(page, /^\| e2e-docker \| standard \| 1 \| 18 \| 15 \| 2 \| 1 \| 1 \| 88% \|$/m);
  assert.match(
    page,
    /^- `header x-\* removed` of `GET \/api\/s3\/\*` in STD-0\*: the ID cases check these headers once \(1 survivor\)$/m,
  );
  assert.match(page, /^- `\$\.objects: \*` in STD-999: covers nothing here \(0 survivors\)$/m);
  assert.match(page, /^## Cases and the gaps left in e2e-docker$/m);
  // The accepted survivor is counted on its case's line, and listed only under its rule.
  assert.match(page, /2 survived \(1 accepted\) \(88%\)$/m);
  assert.doesNotMatch(page, /`header x-id removed`/);
  assert.match(page, /`\$\.objects: foreign element added` — its document promises this$/m);
});

test('an accepted-survivors file with a mistake is reported at its line and column with the fix', () => {
  const text = acceptedYaml('  - change: header x-id removed\n    reasn: typo\n');
  const loaded = loadAcceptRules(root, ACCEPTED_FILE, text);
  assert.equal(loaded.rules, undefined);
  const rendered = loaded.diagnostics.map((d) => formatDiagnostic(d, text)).join('\n');
  assert.match(rendered, /^docs\/mutations\/accepted\.yaml:4:5: error: /m);
  assert.match(rendered, /reasn/);
  assert.match(rendered, /fix: /);
});

test('the committed mutation report is the page its JSON reports and accepted-survivors file make, and every rule of that file covers a survivor', () => {
  const envs = ['e2e-docker', 'e2e-containerd'];
  const read = (path: string) => readMutationReport(readFileSync(join(root, path), 'utf8'), path);
  const reports = envs.map((env) => read(`docs/mutations/${env}.json`));
  const before = new Map(envs.map((env) => [env, read(`docs/mutations/before/${env}.json`)]));
  const text = readFileSync(join(root, ACCEPTED_FILE), 'utf8');
  const loaded = loadAcceptRules(root, ACCEPTED_FILE, text);
  assert.ok(loaded.rules !== undefined, loaded.diagnostics.map((d) => formatDiagnostic(d, text)).join('\n'));
  const { reports: marked, covered, unused } = acceptSurvivors(reports, loaded.rules);
  assert.deepEqual(unused.map(unusedRuleLine), []);
  assert.equal(
    readFileSync(join(root, 'docs', 'mutations.md'), 'utf8'),
    mutationMarkdown(marked, before, { file: ACCEPTED_FILE, covered }),
    'docs/mutations.md is out of date: npm run mutation-report -- --render-only',
  );
});
