import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EsbRevisionName } from '../../../testbed/revisions/esb-behaviour.ts';
import { type InProcessStack, startInProcessStack } from '../../../testbed/stack/in-process-stack.ts';
import { type GoldenLine, goldenLines } from './golden-lines.ts';
import { type LineResult, replayGolden } from './golden-replay.ts';

/**
 * The testbed answers like the real ESB gateway: every exchange recorded from ESB at a commit
 * (../shared/golden/gateway-<seed|head>.jsonl), replayed in order against a fresh testbed standing in for that
 * revision, gets the recorded status, headers and body (placeholders by pattern; the documented testbed choices
 * accounted for, testbed-choices.ts). The two replays run side by side, each on its own stack.
 */
const RECORDINGS: readonly { readonly recording: 'seed' | 'head'; readonly esb: EsbRevisionName }[] = [
  { recording: 'seed', esb: '2026-02-17' },
  { recording: 'head', esb: '2026-03-02' },
];

describe('golden replays', { concurrency: true }, () => {
  for (const { recording, esb } of RECORDINGS) {
    const lines: GoldenLine[] = goldenLines(recording);
    let stack: InProcessStack;
    let results: Promise<LineResult[]>;

    describe(`the testbed as ESB ${esb} against the exchanges recorded from ESB (${recording})`, () => {
      before(async () => {
        stack = await startInProcessStack({ mode: 'docker', esb });
        const { credentials } = stack.config;
        results = replayGolden(lines, stack.clientEnv.GATEWAY_URL ?? '', {
          X_API_KEY: credentials.apiKey,
          AUTH_USER: credentials.authUser,
          AUTH_PASS: credentials.authPass,
          JWT_SECRET: credentials.jwtSecret,
        });
        await results;
      });
      after(() => stack?.close());

      const differing = async (gatewayOnly: boolean) =>
        (await results)
          .filter(
            (r) => r.line.depends_on.includes('gateway-only') === gatewayOnly && r.differences.length > 0,
          )
          .map((r) => `${r.line.name}: ${r.differences.join('; ')}`);

      it('holds 121 recorded exchanges, 54 of them pinning the gateway alone', () => {
        assert.equal(lines.length, 121);
        assert.equal(lines.filter((l) => l.depends_on.includes('gateway-only')).length, 54);
      });

      it('answers every gateway-only exchange as ESB did', async () => {
        assert.deepEqual(await differing(true), []);
      });

      it('answers every other exchange as ESB did, on the gateway part and on the stand-ins', async () => {
        assert.deepEqual(await differing(false), []);
      });
    });
  }
});
