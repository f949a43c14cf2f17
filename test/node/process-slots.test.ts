import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { processSlots } from '../../runner/node/process-slots.ts';

describe('the run slots of a process that uses its lock folder alone', () => {
  it('let at most N cases run at once, and free their slot after, also when the work throws', async () => {
    const slots = processSlots(3);
    let running = 0;
    let most = 0;
    const work = async () => {
      running += 1;
      most = Math.max(most, running);
      await sleep(20);
      running -= 1;
    };
    await Promise.all(Array.from({ length: 9 }, () => slots.run(work, 0, undefined)));
    assert.equal(most, 3);
    await assert.rejects(
      Promise.all(
        Array.from({ length: 3 }, () => slots.run(() => Promise.reject(new Error('broke')), 0, undefined)),
      ),
      /broke/,
    );
    await Promise.all(Array.from({ length: 9 }, () => slots.run(work, 0, undefined)));
    assert.equal(most, 3, 'the failed cases gave their slots back');
  });

  it('serve a higher priority first, also to cases that asked in the same turn after the others', async () => {
    const slots = processSlots(2);
    const order: string[] = [];
    const ran = (name: string) => async () => {
      order.push(name);
      await sleep(10);
    };
    await Promise.all([
      slots.run(ran('low-1'), 0, undefined),
      slots.run(ran('low-2'), 0, undefined),
      slots.run(ran('low-3'), 0, undefined),
      slots.run(ran('high'), 1, undefined),
    ]);
    assert.equal(order[0], 'high');
    assert.deepEqual(order.slice(1, 2), ['low-1']);
    assert.deepEqual(order.slice(2).sort(), ['low-2', 'low-3']);
  });

  it('stop waiting when the signal aborts, with its reason, and keep the slot for the others', async () => {
    const slots = processSlots(1);
    let release: (() => void) | undefined;
    const holding = slots.run(() => new Promise<void>((resolve) => (release = resolve)), 0, undefined);
    await sleep(5);
    const controller = new AbortController();
    const waiting = slots.run(async () => 'never', 0, controller.signal);
    const reason = new Error('case cancelled');
    controller.abort(reason);
    await assert.rejects(waiting, (error: unknown) => error === reason);
    release?.();
    await holding;
    assert.equal(await slots.run(async () => 'next', 0, undefined), 'next');
  });
});
