import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetch } from 'undici';
import {
  DEFAULT_ESB_REVISION,
  type EsbRevisionName,
  esbBehaviour,
} from '../../../testbed/revisions/esb-behaviour.ts';
import { TestbedClient, transportCause } from '../../helpers/testbed-client.ts';
import type {
  CallOptions,
  GatewayAnswer,
  LogHit,
  LogWaitOptions,
  PoolEntry,
  ProbeContext,
  StackMode,
} from './probe-types.ts';

/** Per-request timeout: the contract's 30 s is a ceiling; a loopback stack answers in well under 10 s. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Log waits (contract: 45 s against a real ESB); in-process records land within a second. */
export const LOG_WAIT_MS = 8_000;
const LOG_POLL_MS = 250;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON lines, skipping blank or unparsable ones (contract §7.1). */
function parseJsonLines(text: string): LogHit[] {
  const hits: LogHit[] = [];
  for (const line of text.split('\n')) {
    const value = parseJson(line.trim());
    if (value !== null && typeof value === 'object') hits.push(value as LogHit);
  }
  return hits;
}

export function createProbeContext(
  env: Record<string, string>,
  mode: StackMode,
  esbName: EsbRevisionName = DEFAULT_ESB_REVISION,
): ProbeContext {
  const client = new TestbedClient(env);
  let token: Promise<string> | undefined;
  const vl = env.VICTORIALOGS_URL ?? assert.fail('VICTORIALOGS_URL missing from the client environment');

  const ctx: ProbeContext = {
    client,
    env,
    mode,
    esbName,
    esb: esbBehaviour(esbName),
    token() {
      token ??= client.token();
      return token;
    },
    async call(path: string, body?: unknown, options: CallOptions = {}): Promise<GatewayAnswer> {
      const headers: Record<string, string> = { ...options.headers };
      if (!options.anonymous && headers.authorization === undefined)
        headers.authorization = `Bearer ${await ctx.token()}`;
      const started = performance.now();
      const response = await client
        .gateway(path, {
          method: options.method ?? 'POST',
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
        })
        .catch((error: unknown) => {
          // undici's bare "fetch failed" says nothing of what failed: name the call and the cause.
          throw new Error(`${options.method ?? 'POST'} ${path}: ${transportCause(error)}`);
        });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        text,
        json: parseJson(text),
        elapsedMs: performance.now() - started,
      };
    },
    async queryLogs(query: string, limit = 100): Promise<LogHit[]> {
      const url = `${vl}/select/logsql/query?query=${encodeURIComponent(query)}&limit=${limit}`;
      const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const text = await response.text();
      return response.status === 200 ? parseJsonLines(text) : [];
    },
    async waitForLogs(query: string, options: LogWaitOptions = {}) {
      const minHits = options.minHits ?? 1;
      const deadline = Date.now() + (options.timeoutMs ?? LOG_WAIT_MS);
      let hits: LogHit[] = [];
      for (;;) {
        hits = await ctx.queryLogs(query, options.limit ?? 100);
        const matched = options.matcher === undefined || hits.some(options.matcher);
        const complete = options.until === undefined || options.until(hits);
        if (hits.length >= minHits && matched && complete) return { hits, found: true };
        if (Date.now() >= deadline) return { hits, found: false };
        await sleep(LOG_POLL_MS);
      }
    },
    async pools(): Promise<PoolEntry[]> {
      const answer = await ctx.call('/metrics/pools', undefined, { method: 'GET' });
      assert.equal(answer.status, 200, `GET /metrics/pools answered ${answer.status}: ${answer.text}`);
      const pools = (answer.json as { pools?: unknown } | undefined)?.pools;
      assert.ok(Array.isArray(pools), `GET /metrics/pools has no pools array: ${answer.text}`);
      return pools as PoolEntry[];
    },
    async waitForPool(functionName, predicate, options = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 10_000);
      let last: PoolEntry | undefined;
      for (;;) {
        // A read that fails (on a loaded machine, a kept-alive socket the gateway closed as it was reused) is
        // polled through like a wrong answer; the wait stays bounded and ends with that failure if it is the last.
        let failure: unknown;
        try {
          last = (await ctx.pools()).find((p) => p.function_name === functionName);
          if (last !== undefined && predicate(last)) return last;
        } catch (error) {
          failure = error;
        }
        if (Date.now() >= deadline) {
          if (failure !== undefined) throw failure;
          assert.fail(
            `pool ${functionName}: ${options.what ?? 'predicate'} never held; last entry ${JSON.stringify(last) ?? 'absent'}`,
          );
        }
        await sleep(250);
      }
    },
  };
  return ctx;
}
