import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEBUG_VARIABLE } from '../../runner/cli/last-resort.ts';
import { REQUIRED_CLIENT_VARIABLES } from '../../runner/config/settings.ts';
import { PROCESS_VARIABLE } from '../../runner/node/process-variables.ts';
import { RUN_VARIABLE } from '../../runner/node/run-variables.ts';
import { TIME_SPLIT_VARIABLE } from '../../runner/report/time-split.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const section = (() => {
  const start = readme.indexOf('## Running cases on plain node:test');
  assert.ok(start >= 0, 'README.md has no section "Running cases on plain node:test"');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
})();
/** The backticked names in the first column of the section's table rows. */
const tableNames = [...section.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) =>
  [...(m[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((n) => n[1] ?? ''),
);

/** Every ESB_E2E_* variable the project reads: the entry files' (RUN_VARIABLE) and the CLI's own. */
const PROJECT_VARIABLES = new Set<string>([
  ...Object.values(RUN_VARIABLE),
  DEBUG_VARIABLE,
  TIME_SPLIT_VARIABLE,
]);
/** What `esb-e2e run` tells its own node:test processes: not for users, so not in the README. */
const INTERNAL_VARIABLES = new Set<string>(Object.values(PROCESS_VARIABLE));

describe('README: the variables of the node:test path', () => {
  it('has a table row for every ESB_E2E_* variable the project reads, and no other', () => {
    const documented = tableNames.filter((n) => n.startsWith('ESB_E2E_')).sort();
    assert.deepEqual(documented, [...PROJECT_VARIABLES].sort());
  });

  it('lists the required client variables', () => {
    for (const name of REQUIRED_CLIENT_VARIABLES) assert.ok(tableNames.includes(name), name);
  });

  it('the table names every ESB_E2E_* variable that code below runner/ and bin/ reads', () => {
    const files = ['runner', 'bin'].flatMap((dir) =>
      readdirSync(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true }).filter(
        (e) => e.isFile() && /\.(ts|mjs)$/.test(e.name),
      ),
    );
    const known = new Set([...PROJECT_VARIABLES, ...INTERNAL_VARIABLES]);
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name), 'utf8');
      for (const [name] of text.matchAll(/ESB_E2E_[A-Z_]+/g))
        assert.ok(
          known.has(name),
          `${file.name} reads ${name}, which RUN_VARIABLE, DEBUG_VARIABLE or TIME_SPLIT_VARIABLE (and so the README) lacks, or PROCESS_VARIABLE if it is the run's own`,
        );
    }
  });

  it('shows one command per node reporter, each with the entry files named', () => {
    for (const reporter of ['spec', 'tap', 'junit'])
      assert.match(
        section,
        new RegExp(`--test-reporter=${reporter}\\b[^\\n]*(\\\\\\n[^\\n]*)*e2e/\\*\\.test\\.ts`),
      );
  });
});
