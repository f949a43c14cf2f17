import assert from 'node:assert/strict';
import { fetch } from 'undici';
import type { ContractProbe } from '../probe-types.ts';

const NAMES = [
  'go_goroutines',
  'go_memstats_alloc_bytes',
  'grpc_server_handled_total',
  'grpc_server_handling_seconds_bucket',
];

export const agentMetricsProbes: ContractProbe[] = [
  {
    name: 'agent metrics: /metrics is text/plain with the Go runtime and grpc_server_* families',
    section: '§6 STD-014',
    async run(ctx) {
      const response = await fetch(`${ctx.env.AGENT_METRICS_URL}/metrics`, {
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      assert.equal(response.status, 200, `agent /metrics answered ${response.status}`);
      assert.ok(
        (response.headers.get('content-type') ?? '').startsWith('text/plain'),
        `content-type ${response.headers.get('content-type')}`,
      );
      for (const name of NAMES) assert.ok(text.includes(name), `agent /metrics lacks ${name}`);
    },
  },
];
