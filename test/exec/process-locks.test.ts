import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { processLocks } from '../../runner/exec/process-locks.ts';
import { acquireCaseLocks } from '../../runner/exec/resource-lock.ts';

/** Whether a promise has settled after the queued work of this turn and the next has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await nextTurn();
  await nextTurn();
  return done;
}

describe('the locks of a process that uses its lock folder alone', () => {
  it('grant shared holders together; exclusive waits for them and new shared ones wait behind it', async () => {
    const locks = processLocks();
    const a = await locks.acquire('function:x', 'shared');
    const b = await locks.acquire('function:x', 'shared');
    const exclusive = locks.acquire('function:x', 'exclusive');
    assert.equal(await settled(exclusive), false, 'exclusive waits for the shared holders');
    const lateShared = locks.acquire('function:x', 'shared');
    a.release();
    assert.equal(await settled(exclusive), false, 'one shared holder is left');
    b.release();
    const x = await exclusive;
    assert.equal(await settled(lateShared), false, 'writer priority: the later shared request waits');
    x.release();
    x.release(); // idempotent: a second release frees nothing that another holds
    (await lateShared).release();
    const again = await locks.acquire('function:x', 'exclusive');
    again.release();
  });

  it('grant a free lock at once, so that a case taking free locks does not wait for a turn', () => {
    const locks = processLocks();
    const taken = acquireCaseLocks(locks, { shared: ['function:a'], exclusive: ['function:b'] });
    assert.ok(!(taken instanceof Promise), 'free locks are granted without a promise');
    assert.equal(locks.tryAcquire?.('function:b', 'shared'), undefined, 'function:b is held exclusively');
    assert.equal(locks.tryAcquire?.('platform', 'exclusive'), undefined, 'platform is held shared');
    taken.release();
    const again = locks.tryAcquire?.('platform', 'exclusive');
    assert.ok(again !== undefined, 'released: free again');
    again.release();
  });

  it('keep names apart', async () => {
    const locks = processLocks();
    const x = await locks.acquire('function:a', 'exclusive');
    const other = await locks.acquire('function:b', 'exclusive');
    other.release();
    x.release();
  });

  it('withdraw a request whose signal aborts, and let the shared requests it held back through', async () => {
    const locks = processLocks();
    const holder = await locks.acquire('platform', 'shared');
    const controller = new AbortController();
    const exclusive = locks.acquire('platform', 'exclusive', controller.signal);
    const shared = locks.acquire('platform', 'shared');
    assert.equal(await settled(shared), false);
    const reason = new Error('case cancelled');
    controller.abort(reason);
    await assert.rejects(exclusive, (error: unknown) => error === reason);
    (await shared).release();
    holder.release();
  });

  it("take a case's locks, and free every one of them when a later one is cancelled", async () => {
    const locks = processLocks();
    const blocker = await locks.acquire('function:z', 'exclusive');
    const controller = new AbortController();
    const taking = Promise.resolve(
      acquireCaseLocks(locks, { shared: ['function:a'], exclusive: ['function:z'] }, controller.signal),
    );
    assert.equal(await settled(taking), false);
    controller.abort(new Error('stop'));
    await assert.rejects(taking, /stop/);
    // Nothing of the cancelled case is left: platform and function:a can be taken exclusively.
    (await locks.acquire('platform', 'exclusive')).release();
    (await locks.acquire('function:a', 'exclusive')).release();
    blocker.release();
  });
});
