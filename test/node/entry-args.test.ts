import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryArgs } from '../../runner/node/spawn-entry.ts';

test('a case process maps stack traces to the TypeScript sources only when ESB_E2E_DEBUG asks for them', () => {
  assert.ok(!entryArgs(undefined, [], {}).includes('--enable-source-maps'));
  assert.ok(!entryArgs(undefined, [], { ESB_E2E_DEBUG: '0' }).includes('--enable-source-maps'));
  assert.ok(entryArgs(undefined, [], { ESB_E2E_DEBUG: '1' }).includes('--enable-source-maps'));
  // Loaded through tsx when nothing was bundled; its heap and WebAssembly settings either way.
  const args = entryArgs(undefined, [], {});
  assert.deepEqual(args.slice(0, 2), ['--import', 'tsx']);
  assert.ok(args.includes('--heap-growing-percent=50') && args.includes('--liftoff-only'));
});
