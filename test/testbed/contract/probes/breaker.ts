import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { BREAKER_RECOVERY_SECONDS } from '../contract-stack.ts';
import { describeAnswer } from '../probe-helpers.ts';
import type { ContractProbe, ProbeContext } from '../probe-types.ts';

const faulty = (ctx: ProbeContext, action: string) =>
  ctx.call('/api/faulty', { action }, { timeoutMs: 10_000 });

/** Sequences tried before a hello that came too late to meet the open breaker counts as a failure. */
const SLOW_MACHINE_ATTEMPTS = 3;

/** Must run after every other probe that calls lambda-chaos: it leaves the breaker's history behind. */
export const breakerProbes: ContractProbe[] = [
  {
    name: 'breaker: 3 crashes are 502, then hello is a fast 502, and after the open duration 200',
    section: '§5.8 STD-018',
    async run(ctx) {
      await faulty(ctx, 'hello');
      let lastCrashAt = 0;
      for (let attempt = 1; ; attempt++) {
        let thirdCrashSentAt = 0;
        for (let i = 1; i <= 3; i++) {
          if (i === 3) thirdCrashSentAt = Date.now();
          const crash = await faulty(ctx, 'crash');
          assert.equal(crash.status, 502, `crash #${i}: ${describeAnswer(crash)}`);
        }
        lastCrashAt = Date.now();
        const helloSentAt = Date.now();
        const rejected = await faulty(ctx, 'hello');
        // The breaker opened while the third crash was answered, at the earliest when it was sent: a hello sent
        // an open duration or more after that may have met it closed again. A machine that slow gets another try.
        const late = helloSentAt - thirdCrashSentAt >= BREAKER_RECOVERY_SECONDS * 1000;
        if (rejected.status !== 502 && late && attempt < SLOW_MACHINE_ATTEMPTS) continue;
        assert.equal(rejected.status, 502, `hello while open: ${describeAnswer(rejected)}`);
        // ESB's text at every revision; STD-018 checks it from 2026-03-02 on.
        assert.match(
          rejected.text,
          /Circuit is open \(failures: \d+\)/,
          `hello while open: ${describeAnswer(rejected)}`,
        );
        assert.ok(
          rejected.elapsedMs < 1000,
          `hello while open took ${rejected.elapsedMs.toFixed(0)} ms, not < 1 s`,
        );
        break;
      }
      await sleep(Math.max(0, lastCrashAt + (BREAKER_RECOVERY_SECONDS + 1) * 1000 - Date.now()));
      const recovered = await faulty(ctx, 'hello');
      assert.equal(recovered.status, 200, `hello after the open duration: ${describeAnswer(recovered)}`);
    },
  },
];
