import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv } from '../helpers/child-run.ts';
import { copyPackage } from '../helpers/project-copy.ts';

/**
 * "Adding an operator is one new file plus one table line" (and the same for a hook), proved on a scratch copy
 * of the package: the copy gains a throwaway operator and hook, its own generator regenerates the schema and
 * the docs reference, and its own loader and checker accept a catalogue that uses them. No Docker.
 */

const OPERATOR_FILE = `import type { EachMatchOperator } from '../operator-types.ts';

export const endsWith: EachMatchOperator = {
  name: 'ends_with',
  applies: 'each-match',
  doc: 'a string ends with the operand (a throwaway operator of a test)',
  operandSchema: { description: 'A string ends with it.', $ref: '#/$defs/templatedString' },
  examples: [
    { subject: 'smoke-python', operand: 'python' },
    { subject: 'smoke-java', operand: 'python', fails: 'expected a string ending with "python"' },
  ],
  check(actual, operand) {
    if (typeof actual === 'string' && typeof operand === 'string' && actual.endsWith(operand)) return undefined;
    return \`expected a string ending with \${JSON.stringify(operand)}, got \${JSON.stringify(actual)}\`;
  },
};
`;

const HOOK_FILE = `import type { HookDefinition } from './hook-types.ts';

export const echoArgs: HookDefinition = {
  name: 'echo_args',
  scope: 'read-only',
  description: 'returns its with as {echoed} (a throwaway hook of a test)',
  withSchema: {
    type: 'object',
    properties: { word: { type: 'string', minLength: 1, description: 'any word' } },
    required: ['word'],
    additionalProperties: false,
  },
  exampleWith: { word: 'hello' },
  timeoutSeconds: 5,
  run: async (args) => ({ echoed: args }),
};
`;

/** Adds `line` to the list that `last` ends, and the import of `name` from `from`: the table's one line. */
function addToTable(file: string, last: string, name: string, from: string): void {
  const text = readFileSync(file, 'utf8');
  const listEnd = `  ${last},\n];`;
  assert.ok(text.includes(listEnd), `${file} ends its list with ${last}`);
  writeFileSync(
    file,
    `import { ${name} } from '${from}';\n${text.replace(listEnd, `  ${last},\n  ${name},\n];`)}`,
  );
}

const CATALOGUE = `# yaml-language-server: $schema=../../schema/catalog-file.schema.json
cases:
  - test: test_new_vocabulary
    id: NEW-001
    anchor: desc-new-vocabulary
    category: 機能系
    doc:
      guarantee: 新しい語彙を保証する。
      input: 新しい演算子とフックを使う。
      pass_criteria: 読み込めること。
      failure_hint: 表を確認する。
    fixture: none
    steps:
      - hook: echo_args
        with: WITH
        expect: { assert: [{ path: $.echoed.word, ends_with: llo }] }
`;

describe('adding an operator and a hook: a file and a table line each, on a scratch copy', () => {
  let root = '';
  let cleanup = () => {};
  const node = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
      cwd: root,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  /** The copy's own loader on one catalogue file: its diagnostics as code and message. */
  const load = (withText: string) => {
    const file = 'catalog/smoke/test_new_vocabulary.yaml';
    writeFileSync(join(root, file), CATALOGUE.replace('WITH', withText));
    const script = `import { readFileSync } from 'node:fs';
import { loadCatalogueFile } from './runner/load/load-catalog-file.ts';
const loaded = loadCatalogueFile(process.cwd(), '${file}', readFileSync('${file}', 'utf8'));
process.stdout.write(JSON.stringify(loaded.diagnostics.map((d) => [d.code, d.message])));`;
    writeFileSync(join(root, 'load-one.ts'), script);
    const result = node('load-one.ts');
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as [string, string][];
  };

  before(() => {
    ({ root, cleanup } = copyPackage(['test/assertions']));
    writeFileSync(join(root, 'assertions/operators/ends-with.ts'), OPERATOR_FILE);
    addToTable(
      join(root, 'assertions/operator-table.ts'),
      'includesAll',
      'endsWith',
      './operators/ends-with.ts',
    );
    writeFileSync(join(root, 'hooks/echo-args.ts'), HOOK_FILE);
    addToTable(join(root, 'hooks/hook-table.ts'), 'containerShell', 'echoArgs', './echo-args.ts');
  });
  after(() => cleanup());

  it('the generator is stale before, writes, and is up to date after', () => {
    const stale = node('generate-docs.ts', '--check');
    assert.equal(stale.status, 1, stale.stderr);
    assert.match(stale.stderr, /schema\/catalog-file\.schema\.json is stale/);
    const written = node('generate-docs.ts');
    assert.equal(written.status, 0, written.stderr);
    assert.equal(node('generate-docs.ts', '--check').status, 0);
  });

  it('the generated schema has the operator and the hook with schema', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schema/catalog-file.schema.json'), 'utf8'));
    const assertion = schema.$defs.assertion;
    assert.deepEqual(assertion.properties.ends_with, {
      description: 'A string ends with it.',
      $ref: '#/$defs/templatedString',
    });
    assert.ok(assertion.anyOf.some((b: { required: string[] }) => b.required[0] === 'ends_with'));
    const branch = schema.$defs.hookArguments.allOf.find(
      (b: { if: { properties: { hook: { const: string } } } }) => b.if.properties.hook.const === 'echo_args',
    );
    assert.equal(branch?.then.properties.with.required[0], 'word');
  });

  it('the docs reference lists both', () => {
    const docs = readFileSync(join(root, 'docs/catalogue-steps.md'), 'utf8');
    assert.match(
      docs,
      /\| `ends_with` \| a string ends with the operand \(a throwaway operator of a test\) \|/,
    );
    assert.match(docs, /\| `echo_args` \| `read-only` \| +5 s \| `\{"word":"hello"\}` \|/);
  });

  it('a catalogue using them loads, and a bad with is still named by the hook check', () => {
    assert.deepEqual(load('{ word: hello }'), []);
    const bad = load('{ wrd: hello }');
    assert.equal(bad.length, 1, JSON.stringify(bad));
    assert.equal(bad[0]?.[0], 'bad-hook-with');
    assert.match(bad[0]?.[1] ?? '', /^hook echo_args: unknown property 'wrd'/);
  });

  it("the new operator's examples pass through the copy's checker", () => {
    const result = node('--test', 'test/assertions/operator-examples.test.ts');
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /ok \d+ - ends_with example 1: .* fails with: expected a string ending with/);
  });
});
