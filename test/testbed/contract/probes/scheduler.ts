import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ContractProbe } from '../probe-types.ts';

/** The probe stacks fire the scheduler 0.5 s after start; the item is normally there long before this probe. */
const WAIT_MS = 10_000;

export const schedulerProbes: ContractProbe[] = [
  {
    name: 'scheduler: lambda-scheduled wrote scheduled-run with event.scheduled true',
    section: '§8 STD-025',
    async run(ctx) {
      const deadline = Date.now() + WAIT_MS;
      let last = '';
      for (;;) {
        const answer = await ctx.call('/api/dynamo', { action: 'get', id: 'scheduled-run' });
        const body = answer.json as { found?: unknown; item?: unknown } | undefined;
        if (answer.status === 200 && body?.found) {
          const event = (body.item as { event?: { M?: { scheduled?: { BOOL?: unknown } } } } | null)?.event;
          assert.equal(event?.M?.scheduled?.BOOL, true, `scheduled-run item: ${answer.text}`);
          return;
        }
        last = answer.text;
        if (Date.now() >= deadline)
          assert.fail(`the scheduler did not write scheduled-run; last answer ${last}`);
        await sleep(500);
      }
    },
  },
];
