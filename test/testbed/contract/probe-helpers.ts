import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayAnswer, LogHit, ProbeContext } from './probe-types.ts';

export type JsonObject = Record<string, unknown>;

/** Short call description for failure messages: status and the start of the body. */
export function describeAnswer(answer: GatewayAnswer): string {
  return `status ${answer.status}, body ${answer.text.slice(0, 300)}`;
}

/** Asserts the status and that the body is a JSON object; returns it. */
export function expectJson(answer: GatewayAnswer, status: number, what: string): JsonObject {
  assert.equal(answer.status, status, `${what}: expected ${status}, got ${describeAnswer(answer)}`);
  const body = answer.json;
  assert.ok(
    body !== null && typeof body === 'object' && !Array.isArray(body),
    `${what}: body is not a JSON object: ${answer.text.slice(0, 300)}`,
  );
  return body as JsonObject;
}

/** "200 ∧ success" of contract §12: status 200 and strict `success === true`. */
export function expectSuccess(answer: GatewayAnswer, what: string): JsonObject {
  const body = expectJson(answer, 200, what);
  assert.equal(body.success, true, `${what}: success is not strictly true: ${answer.text.slice(0, 300)}`);
  return body;
}

/** A proxy-shaped child or payload: parses its string `body` (default `{}`) as a JSON object. */
export function proxyBodyOf(value: unknown, what: string): JsonObject {
  assert.ok(value !== null && typeof value === 'object', `${what}: not an object: ${JSON.stringify(value)}`);
  const raw = (value as JsonObject).body ?? '{}';
  const parsed = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  assert.ok(parsed !== null && typeof parsed === 'object', `${what}: body is not an object: ${String(raw)}`);
  return parsed as JsonObject;
}

/** A test-generated trace (contract §5.4): unpadded hex epoch and 24 hex from a UUID. */
export function newTestTrace(): { root: string; header: string } {
  const epoch = Math.floor(Date.now() / 1000).toString(16);
  const root = `1-${epoch}-${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  return { root, header: `Root=${root};Sampled=1` };
}

export function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The message of a log hit, as the cases read it: `message` or `_msg`. */
export function messageOf(hit: LogHit): string {
  return hit.message ?? hit._msg ?? '';
}

/** Short listing of hits for failure messages. */
export function describeHits(hits: readonly LogHit[]): string {
  const shown = hits
    .slice(0, 8)
    .map((h) => `${h.container_name ?? '?'}/${h.level ?? '?'}: ${messageOf(h).slice(0, 80)}`);
  return `${hits.length} hit(s)${shown.length > 0 ? `: ${shown.join(' | ')}` : ''}`;
}

/**
 * Waits (without asserting) until a function's pool has no busy or provisioning worker, so a background
 * invocation started by one probe does not queue behind, or collide with, the next probe's call.
 */
export async function settlePool(ctx: ProbeContext, functionName: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const entry = (await ctx.pools().catch(() => [])).find((p) => p.function_name === functionName);
    if (entry !== undefined && entry.busy === 0 && entry.provisioning === 0) return;
    await sleep(100);
  }
}
