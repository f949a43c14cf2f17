import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  acquireCaseLocks,
  acquireLock,
  caseLockModes,
  folderLocks,
} from '../../runner/exec/resource-lock.ts';

const root = mkdtempSync(join(tmpdir(), 'locks-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
const freshDir = () => join(root, String(n++));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts lock-holder.ts in its own process; resolves each line's arrival time. */
function holder(lockDir: string, name: string, mode: string, hold: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'lock-holder.ts'), lockDir, name, mode, hold],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const seen = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      seen.set(line, performance.now());
      waiters.get(line)?.();
    }
  });
  const line = (text: string) =>
    new Promise<number>((resolve, reject) => {
      const at = seen.get(text);
      if (at !== undefined) return resolve(at);
      const timer = setTimeout(() => reject(new Error(`lock-holder never said ${text}`)), 20_000);
      waiters.set(text, () => {
        clearTimeout(timer);
        resolve(seen.get(text) ?? 0);
      });
    });
  return { child, line, seen };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 20_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

test('shared holders coexist; exclusive waits for them and new shared ones wait for it', async () => {
  const dir = freshDir();
  const a = await acquireLock(dir, 'function:x', 'shared');
  const b = await acquireLock(dir, 'function:x', 'shared');
  let exclusiveAt = 0;
  const exclusive = acquireLock(dir, 'function:x', 'exclusive').then((lock) => {
    exclusiveAt = performance.now();
    return lock;
  });
  await sleep(150);
  assert.equal(exclusiveAt, 0, 'exclusive must wait for the shared holders');
  let lateSharedAt = 0;
  const lateShared = acquireLock(dir, 'function:x', 'shared').then((lock) => {
    lateSharedAt = performance.now();
    return lock;
  });
  a.release();
  await sleep(100);
  assert.equal(exclusiveAt, 0, 'one shared holder is left');
  b.release();
  const x = await exclusive;
  await sleep(100);
  assert.equal(
    lateSharedAt,
    0,
    'a shared request behind a waiting exclusive one waits for it (writer priority)',
  );
  x.release();
  (await lateShared).release();
  assert.ok(lateSharedAt > exclusiveAt);
});

test('across processes: an exclusive lock of another process blocks a shared one until released', async () => {
  const dir = freshDir();
  const other = holder(dir, 'function:lambda-chaos', 'exclusive', '700');
  await other.line('acquired');
  const started = performance.now();
  const lock = await acquireLock(dir, 'function:lambda-chaos', 'shared');
  const waited = performance.now() - started;
  lock.release();
  const releasedAt = await other.line('released');
  assert.ok(waited >= 500, `waited ${waited} ms for the other process`);
  assert.ok(releasedAt - started >= 500);
});

test('across processes: a waiting exclusive request of another process goes before a new shared one', async () => {
  const dir = freshDir();
  const first = await acquireLock(dir, 'platform', 'shared');
  const other = holder(dir, 'platform', 'exclusive', '300');
  const resourceDir = join(dir, 'platform');
  await until(
    () => readdirSync(resourceDir).some((e) => e.startsWith('W.')),
    'the exclusive request to wait',
  );
  let secondAt = 0;
  const second = acquireLock(dir, 'platform', 'shared').then((lock) => {
    secondAt = performance.now();
    return lock;
  });
  await sleep(200);
  assert.equal(secondAt, 0, 'the new shared request waits behind the exclusive one');
  assert.equal(other.seen.has('acquired'), false, 'the exclusive one waits for the first shared holder');
  first.release();
  const acquiredAt = await other.line('acquired');
  (await second).release();
  assert.ok(secondAt > acquiredAt, 'shared granted only after the other process took its exclusive lock');
  assert.ok(other.seen.has('released') || secondAt - acquiredAt >= 250);
});

test('a lock of a killed process is stale and removed', async () => {
  const dir = freshDir();
  const other = holder(dir, 'platform', 'exclusive', 'forever');
  await other.line('acquired');
  const exited = new Promise((resolve) => other.child.once('exit', resolve));
  other.child.kill('SIGKILL');
  await exited;
  const started = performance.now();
  const lock = await acquireLock(dir, 'platform', 'exclusive');
  lock.release();
  // Without stale detection the wait never ends; 10 s leaves a slow machine room.
  assert.ok(performance.now() - started < 10_000);
});

test('a case holds platform shared plus its resources; exclusive wins over shared', () => {
  assert.deepEqual([...caseLockModes({})], [['platform', 'shared']]);
  assert.deepEqual(
    [...caseLockModes({ shared: ['function:a'], exclusive: ['platform', 'function:b'] })].sort(),
    [
      ['function:a', 'shared'],
      ['function:b', 'exclusive'],
      ['platform', 'exclusive'],
    ],
  );
});

test('case locks are released together, and a cancelled wait leaves nothing behind', async () => {
  const dir = freshDir();
  const held = await acquireCaseLocks(folderLocks(dir), { exclusive: ['function:a'], shared: [] });
  const entries = () => readdirSync(dir).flatMap((r) => readdirSync(join(dir, r)).map((e) => `${r}/${e[0]}`));
  assert.deepEqual(entries().sort(), ['function%3Aa/X', 'platform/S']);
  const controller = new AbortController();
  const waiting = Promise.resolve(
    acquireCaseLocks(folderLocks(dir), { exclusive: ['function:a'], shared: [] }, controller.signal),
  );
  await sleep(100);
  controller.abort(new Error('cancelled'));
  await assert.rejects(waiting, /cancelled/);
  held.release();
  assert.deepEqual(entries(), []);
});
