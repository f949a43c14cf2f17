import assert from 'node:assert/strict';
import { fetch } from 'undici';
import { describeHits, hex, newTestTrace } from '../probe-helpers.ts';
import type { ContractProbe, ProbeContext } from '../probe-types.ts';

/** The insert call ESB's shippers make (contract §7.1). */
const INSERT = '/insert/jsonline?_stream_fields=container_name,job&_msg_field=message&_time_field=_time';

async function insert(ctx: ProbeContext, record: Record<string, string>): Promise<void> {
  const response = await fetch(`${ctx.env.VICTORIALOGS_URL}${INSERT}`, {
    method: 'POST',
    body: `${JSON.stringify(record)}\n`,
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  assert.ok(response.ok, `VictoriaLogs insert answered ${response.status}`);
}

export const victoriaLogsProbes: ContractProbe[] = [
  {
    name: 'victorialogs: /health answers 200 or 204',
    section: '§7.1 SMK-002',
    async run(ctx) {
      const response = await fetch(`${ctx.env.VICTORIALOGS_URL}/health`, {
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      assert.ok([200, 204].includes(response.status), `VictoriaLogs /health answered ${response.status}`);
    },
  },
  {
    name: 'victorialogs: field filters are phrase filters at word boundaries',
    section: '§7.2',
    async run(ctx) {
      const trace = newTestTrace();
      const container = `contract-probe-${hex(4)}`;
      // The shape of a gateway record: full trace header, and a container name that only starts with the phrase.
      await insert(ctx, {
        message: 'phrase probe',
        container_name: container,
        job: 'services',
        trace_id: trace.header,
      });
      const { hits, found } = await ctx.waitForLogs(`trace_id:"${trace.root}"`);
      assert.ok(found, `a bare root does not match the full trace header: ${describeHits(hits)}`);
      const prefix = await ctx.queryLogs(
        `container_name:"${container.slice(0, -9)}" AND trace_id:${trace.root}`,
      );
      assert.equal(prefix.length, 1, `a leading phrase of container_name (unquoted root) does not match`);
      const partial = await ctx.queryLogs(`trace_id:"${trace.root.slice(0, -1)}"`);
      assert.equal(partial.length, 0, `a phrase ending inside a word matched: ${describeHits(partial)}`);
    },
  },
];
