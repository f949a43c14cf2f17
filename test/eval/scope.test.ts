import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScope, withValues } from '../../language/eval/scope.ts';
import { renderString } from '../../language/eval/template.ts';

const base = {
  matrix: { runtime: 'node' },
  env: {},
  settings: {},
  vars: { a: 1 },
  auth: { token: 'tok-123' },
  caseStart: new Date('2024-05-06T07:08:09.987Z'),
};

describe('scope', () => {
  it('draws a new UUID4 for every random.uuid and n hex digits for random.hex(n)', () => {
    const scope = createScope(base);
    const first = renderString('${random.uuid}', scope);
    assert.match(String(first), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(renderString('${random.uuid}', scope), first);
    assert.match(String(renderString('${random.hex(8)}', scope)), /^[0-9a-f]{8}$/);
    assert.match(String(renderString('${random.hex(5)}', scope)), /^[0-9a-f]{5}$/);
    assert.throws(() => renderString('${random.hex(0)}', scope), /random.hex\(n\) takes one whole number/);
    assert.throws(() => renderString('${random.hex}', scope), /random.hex is a function/);
  });

  it('gives the time values', () => {
    const scope = createScope(base);
    assert.equal(renderString('${time.case_start}', scope), '2024-05-06T07:08:09Z');
    const before = Date.now();
    const ms = renderString('${time.epoch_ms}', scope) as number;
    assert.ok(ms >= before && ms <= Date.now());
    const hex = renderString('${time.epoch_hex}', scope) as string;
    assert.match(hex, /^[0-9a-f]+$/);
    assert.ok(Math.abs(Number.parseInt(hex, 16) - Math.floor(before / 1000)) <= 1);
  });

  it('gives the auth token and index, and withValues adds vars and an index without changing the original', () => {
    const scope = createScope(base);
    assert.equal(renderString('${auth.token}', scope), 'tok-123');
    const inner = withValues(scope, { vars: { b: 2, a: 10 }, index: 3 });
    assert.equal(renderString('${vars.a + vars.b + index}', inner), 15);
    assert.equal(renderString('${vars.a}', scope), 1);
    assert.throws(() => renderString('${index}', scope), /only defined inside/);
    assert.equal(renderString('${index}', withValues(inner, { vars: { c: 1 } })), 3);
  });

  it('wraps a scope made elsewhere', () => {
    const foreign = {
      lookup: (reference: string) => (reference === 'vars.x' ? 'foreign' : undefined),
      call: () => 'called',
    };
    const scope = withValues(foreign, { vars: { y: 'extra' }, index: 0 });
    assert.equal(renderString('${vars.x}-${vars.y}-${index}', scope), 'foreign-extra-0');
    assert.throws(() => renderString('${vars.z}', scope), /has no value/);
  });
});
