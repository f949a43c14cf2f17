import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseMutations } from '../../runner/mutate/mutate-cases.ts';
import { mutationMarkdown } from '../../runner/mutate/mutation-markdown.ts';
import {
  MUTATION_REPORT_FORMAT,
  type MutationReport,
  suiteScores,
} from '../../runner/mutate/mutation-report.ts';

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
