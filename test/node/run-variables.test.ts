import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunVariableError, readRunVariables, runVariablesFor } from '../../runner/node/run-variables.ts';

describe('ESB_E2E_* variables', () => {
  it('default to the first environment, everything selected, 4 at once', () => {
    assert.deepEqual(readRunVariables({}), {
      env: undefined,
      esb: undefined,
      suites: [],
      ids: [],
      grep: undefined,
      shard: undefined,
      caseList: undefined,
      phase: undefined,
      concurrency: 4,
      lockDir: undefined,
      lockScope: 'folder',
      trace: false,
      envFile: undefined,
      allow: [],
    });
  });

  it('round-trip what esb-e2e run hands to a node:test process', () => {
    const selection = {
      env: 'e2e-containerd',
      esb: '2026-03-02',
      suites: ['smoke', 'standard'],
      ids: ['SMK-001', 'RST-001'],
      grep: 'echo[java]',
      shard: { index: 2, total: 5 },
      caseList: '/tmp/run/case-list.txt',
      phase: 'last' as const,
      concurrency: 3,
      lockDir: '/tmp/locks',
      lockScope: 'process' as const,
      trace: true,
      allow: ['control-plane' as const],
    };
    const variables = runVariablesFor(selection);
    assert.deepEqual(variables, {
      ESB_E2E_ENV: 'e2e-containerd',
      ESB_E2E_ESB: '2026-03-02',
      ESB_E2E_SUITES: 'smoke,standard',
      ESB_E2E_IDS: 'SMK-001,RST-001',
      ESB_E2E_GREP: 'echo[java]',
      ESB_E2E_SHARD: '2/5',
      ESB_E2E_CASE_LIST: '/tmp/run/case-list.txt',
      ESB_E2E_PHASE: 'last',
      ESB_E2E_CONCURRENCY: '3',
      ESB_E2E_LOCK_DIR: '/tmp/locks',
      ESB_E2E_LOCK_SCOPE: 'process',
      ESB_E2E_TRACE: '1',
      ESB_E2E_ALLOW: 'control-plane',
    });
    assert.deepEqual(readRunVariables(variables), { ...selection, envFile: undefined });
  });

  it('read comma lists loosely and name a malformed variable', () => {
    assert.deepEqual(readRunVariables({ ESB_E2E_IDS: ' SMK-001 ,, SMK-002 ' }).ids, ['SMK-001', 'SMK-002']);
    assert.throws(
      () => readRunVariables({ ESB_E2E_SHARD: '0/2' }),
      (e: Error) => e instanceof RunVariableError && e.message.startsWith('ESB_E2E_SHARD: invalid shard'),
    );
    assert.throws(
      () => readRunVariables({ ESB_E2E_LOCK_SCOPE: 'machine' }),
      /ESB_E2E_LOCK_SCOPE=machine is not one of folder, process/,
    );
    assert.throws(
      () => readRunVariables({ ESB_E2E_CONCURRENCY: 'many' }),
      /ESB_E2E_CONCURRENCY=many is not a positive whole number/,
    );
    assert.throws(
      () => readRunVariables({ ESB_E2E_PHASE: 'first' }),
      /ESB_E2E_PHASE=first is not one of main, last/,
    );
    assert.throws(
      () => readRunVariables({ ESB_E2E_ALLOW: 'root' }),
      /ESB_E2E_ALLOW: unknown hook scope 'root'/,
    );
  });
});
