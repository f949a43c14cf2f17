import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AGENT_METHODS, GRPC_CODES } from '../../../testbed/services/agent/grpc-metrics.ts';
import { formatValue, renderExposition } from '../../../testbed/services/agent/prometheus-text.ts';
import { type AgentUnderTest, call, mustCreateWorker, startProcessAgent, testConfig } from './agent-kit.ts';

const config = testConfig({
  mode: 'docker',
  projectName: 'esb-agent-prom-test',
  workerPorts: [18730, 18731],
});

const SERVICE = 'grpc_service="agent.v1.AgentService"';

async function scrape(url: string): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(url);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** The value of the one sample line that starts with `prefix` (name and labels). */
function sampleValue(text: string, prefix: string): number {
  const lines = text.split('\n').filter((line) => line.startsWith(`${prefix} `));
  assert.equal(lines.length, 1, `exactly one sample ${prefix}`);
  return Number(lines[0]?.slice(prefix.length + 1));
}

describe('agent Prometheus endpoint', () => {
  const started: AgentUnderTest[] = [];
  const start = async (options: Parameters<typeof startProcessAgent>[0]) => {
    const running = await startProcessAgent(options);
    started.push(running);
    return running;
  };
  after(async () => {
    for (const { agent } of started) await agent.close({ removeWorkers: true });
  });

  it('serves the text format on any path with the names of contract §6', async () => {
    const { metricsUrl } = await start({ config });
    for (const path of ['/metrics', '/', '/anything/else']) {
      const scraped = await scrape(`${metricsUrl}${path}`);
      assert.equal(scraped.status, 200);
      assert.equal(scraped.contentType, 'text/plain; version=0.0.4; charset=utf-8');
      assert.match(scraped.text, /^go_goroutines \d+$/m);
      assert.match(scraped.text, /^go_memstats_alloc_bytes \d/m);
      assert.match(scraped.text, /^# TYPE grpc_server_handled_total counter$/m);
      assert.match(scraped.text, /^# TYPE grpc_server_started_total counter$/m);
    }
  });

  it('pre-initialises handled and started counters at zero for every API method', async () => {
    const { metricsUrl } = await start({ config });
    const { text } = await scrape(`${metricsUrl}/metrics`);
    for (const method of AGENT_METHODS) {
      const labels = `grpc_method="${method}",${SERVICE},grpc_type="unary"`;
      assert.equal(sampleValue(text, `grpc_server_handled_total{grpc_code="OK",${labels}}`), 0);
      assert.equal(sampleValue(text, `grpc_server_started_total{${labels}}`), 0);
    }
    const handledLines = text.split('\n').filter((l) => l.startsWith('grpc_server_handled_total{'));
    assert.equal(handledLines.length, AGENT_METHODS.length * GRPC_CODES.length);
    // Enabled after registration in ESB: no histogram series before the first call.
    assert.doesNotMatch(text, /grpc_server_handling_seconds/);
  });

  it('counts every API call and updates the handling-time histogram', async () => {
    const { api, metricsUrl } = await start({ config });
    await call(`${api}/v1/heartbeat`);
    await call(`${api}/v1/heartbeat`);
    const worker = await mustCreateWorker(api, 'lambda-echo');
    await call(`${api}/v1/workers/${worker.id}/metrics`); // 501 in docker mode
    await call(`${api}/v1/workers`);
    const { text } = await scrape(`${metricsUrl}/metrics`);

    const heartbeat = `grpc_method="Heartbeat",${SERVICE},grpc_type="unary"`;
    assert.equal(sampleValue(text, `grpc_server_started_total{${heartbeat}}`), 2);
    assert.equal(sampleValue(text, `grpc_server_handled_total{grpc_code="OK",${heartbeat}}`), 2);
    assert.equal(sampleValue(text, `grpc_server_handling_seconds_count{${heartbeat}}`), 2);
    assert.equal(sampleValue(text, `grpc_server_handling_seconds_bucket{${heartbeat},le="+Inf"}`), 2);
    assert.ok(sampleValue(text, `grpc_server_handling_seconds_sum{${heartbeat}}`) > 0);
    assert.equal(sampleValue(text, `grpc_server_handling_seconds_bucket{${heartbeat},le="10"}`), 2);

    const ensure = `grpc_method="EnsureContainer",${SERVICE},grpc_type="unary"`;
    assert.equal(sampleValue(text, `grpc_server_handled_total{grpc_code="OK",${ensure}}`), 1);
    // Starting a node worker takes longer than 5 ms, so the smallest bucket stays empty.
    assert.equal(sampleValue(text, `grpc_server_handling_seconds_bucket{${ensure},le="0.005"}`), 0);
    const metrics = `grpc_method="GetContainerMetrics",${SERVICE},grpc_type="unary"`;
    assert.equal(sampleValue(text, `grpc_server_handled_total{grpc_code="Unimplemented",${metrics}}`), 1);
    assert.equal(sampleValue(text, `grpc_server_handled_total{grpc_code="OK",${metrics}}`), 0);
    // Methods never called have no histogram series.
    assert.doesNotMatch(text, /grpc_server_handling_seconds_count\{grpc_method="DestroyContainer"/);
  });

  it('fault agent-metrics-missing-grpc: no grpc_server_* family at all', async () => {
    const { api, metricsUrl } = await start({ config, faults: new Set(['agent-metrics-missing-grpc']) });
    await call(`${api}/v1/heartbeat`);
    const { status, text } = await scrape(`${metricsUrl}/metrics`);
    assert.equal(status, 200);
    assert.match(text, /^go_goroutines /m);
    assert.match(text, /^go_memstats_alloc_bytes /m);
    assert.doesNotMatch(text, /grpc_server_/);
  });
});

describe('Prometheus text rendering', () => {
  it('formats numbers as the Go client does', () => {
    assert.equal(formatValue(0), '0');
    assert.equal(formatValue(42), '42');
    assert.equal(formatValue(0.005), '0.005');
    assert.equal(formatValue(2.5), '2.5');
    assert.equal(formatValue(999999), '999999');
    assert.equal(formatValue(2596640), '2.59664e+06');
    assert.equal(formatValue(134217728), '1.34217728e+08');
    assert.equal(formatValue(0.00001234), '1.234e-05');
    assert.equal(formatValue(Number.POSITIVE_INFINITY), '+Inf');
    assert.equal(formatValue(Number.NaN), 'NaN');
  });

  it('sorts families and labels, puts le last, escapes, and drops empty families', () => {
    const text = renderExposition([
      { name: 'zeta', help: 'last', type: 'gauge', samples: [{ name: 'zeta', value: 1 }] },
      { name: 'empty', help: 'never shown', type: 'counter', samples: [] },
      {
        name: 'alpha_seconds',
        help: 'a "quoted"\\help\nline',
        type: 'histogram',
        samples: [
          { name: 'alpha_seconds_bucket', labels: { le: '0.5', b: 'x"y', a: 'back\\slash' }, value: 3 },
        ],
      },
    ]);
    assert.equal(
      text,
      [
        '# HELP alpha_seconds a "quoted"\\\\help\\nline',
        '# TYPE alpha_seconds histogram',
        'alpha_seconds_bucket{a="back\\\\slash",b="x\\"y",le="0.5"} 3',
        '# HELP zeta last',
        '# TYPE zeta gauge',
        'zeta 1',
        '',
      ].join('\n'),
    );
  });
});
