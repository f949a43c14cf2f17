import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureValues } from '../../assertions/capture.ts';
import { documentObservation, jsonObservation, testScope } from './observations.ts';

const AT = ['cases', 0, 'steps', 2, 'capture'];
const observation = jsonObservation(
  { item_id: 'i-1', count: 3, nested: { list: [{ id: 'n-1' }] }, trace_id: 'Root=1-abc-def;Parent=x' },
  { headers: { 'x-amzn-requestid': 'req-42', 'content-type': 'application/json' } },
);

describe('captureValues', () => {
  it('captures the first match of a path, typed, and a header', () => {
    const { values, failures } = captureValues(
      {
        item_id: '$.item_id',
        count: { path: '$.count' },
        first: '$.nested.list[*].id',
        nested: '$.nested',
        request_id: { header: 'X-Amzn-RequestId' },
      },
      observation,
      testScope(),
      AT,
    );
    assert.deepEqual(failures, []);
    assert.deepEqual(values, {
      item_id: 'i-1',
      count: 3,
      first: 'n-1',
      nested: { list: [{ id: 'n-1' }] },
      request_id: 'req-42',
    });
  });

  it('takes the first regex group, or the whole match without a group', () => {
    const { values, failures } = captureValues(
      {
        root: { path: '$.trace_id', regex: '^(?:Root=)?([^;]+)' },
        whole: { header: 'x-amzn-requestid', regex: '/\\d+/' },
        digits: { path: '$.count', regex: '(\\d)' },
      },
      observation,
      testScope(),
      AT,
    );
    assert.deepEqual(failures, []);
    assert.deepEqual(values, { root: '1-abc-def', whole: '42', digits: '3' });
  });

  it('fails, pointing at the entry, when nothing is found', () => {
    const { values, failures } = captureValues(
      {
        gone: '$.gone',
        also_gone: { path: '$.nested.${vars.field}' },
        no_header: { header: 'x-nope' },
        no_match: { path: '$.item_id', regex: '^z(.*)' },
        not_text: { path: '$.nested', regex: '.' },
        ok: '$.item_id',
      },
      observation,
      testScope({ field: 'missing' }),
      AT,
    );
    assert.deepEqual(values, { ok: 'i-1' });
    assert.deepEqual(
      failures.map((f) => [f.at.slice(AT.length).join('.'), f.message]),
      [
        ['gone', 'capture gone: $.gone matched nothing'],
        ['also_gone.path', 'capture also_gone: $.nested.missing matched nothing'],
        [
          'no_header.header',
          'capture no_header: the response has no header x-nope (it has: content-type, x-amzn-requestid)',
        ],
        ['no_match.regex', 'capture no_match: "i-1" does not match /^z(.*)/'],
        ['not_text.regex', 'capture not_text: regex needs a string, got {"list":[{"id":"n-1"}]} (object)'],
      ],
    );
  });

  it('reads hook documents by path only', () => {
    const hook = documentObservation({ RestartCount: 2 });
    const { values, failures } = captureValues(
      { restart_count: '$.RestartCount', header: { header: 'x' } },
      hook,
      testScope(),
      AT,
    );
    assert.deepEqual(values, { restart_count: 2 });
    assert.deepEqual(
      failures.map((f) => f.at.slice(AT.length).join('.')),
      ['header.header'],
    );
  });

  it('keeps a capture named like an Object member as a plain value', () => {
    const { values } = captureValues({ ['__proto__']: '$.count' }, observation, testScope(), AT);
    assert.equal(Object.getPrototypeOf(values), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(values, '__proto__')?.value, 3);
  });
});
