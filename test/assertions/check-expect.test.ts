import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkExpect } from '../../assertions/check-expect.ts';
import type { Observation } from '../../language/model/observation.ts';
import type { ExpectSpec } from '../../language/model/steps.ts';
import { documentObservation, httpObservation, jsonObservation, testScope } from './observations.ts';

const AT = ['cases', 3, 'steps', 1, 'expect'];

function run(expect: ExpectSpec, observation: Observation): [string, string][] {
  return checkExpect(expect, observation, testScope(), AT).map((f) => [
    f.at.slice(AT.length).join('.'),
    f.message,
  ]);
}

describe('checkExpect', () => {
  const echo = jsonObservation({ success: true, action: 'echo', message: 'Echo: smoke-python' });

  it('checks a status range such as {gte: 500}', () => {
    assert.deepEqual(
      run({ status: { gte: 500 } }, httpObservation('IMAGE_PULL_FAILED', { status: 502 })),
      [],
    );
    assert.deepEqual(run({ status: { gte: 500, lte: 599 } }, echo), [
      [
        'status',
        'expected status >= 500 and <= 599, got 200 (body: {"success":true,"action":"echo","message":"Echo: smoke-python"})',
      ],
    ]);
  });

  it('checks status (one or a list) and shows the body of an unexpected status', () => {
    assert.deepEqual(run({ status: 200 }, echo), []);
    assert.deepEqual(run({ status: [200, 201] }, echo), []);
    const error = httpObservation('{"message":"Service\n Unavailable"}', { status: 503 });
    assert.deepEqual(run({ status: 200 }, error), [
      ['status', 'expected status 200, got 503 (body: {"message":"Service Unavailable"})'],
    ]);
    assert.deepEqual(run({ status: [200, 202] }, httpObservation('', { status: 500 })), [
      ['status', 'expected status one of 200, 202, got 500 (empty body)'],
    ]);
  });

  it('checks latency_under in seconds', () => {
    assert.deepEqual(run({ latency_under: 1 }, httpObservation('{}', { latencyMs: 999 })), []);
    assert.deepEqual(
      run({ latency_under: '${settings.max}' }, httpObservation('{}', { latencyMs: 4000 })),
      [],
    );
    assert.deepEqual(run({ latency_under: 1 }, httpObservation('{}', { latencyMs: 1234 })), [
      ['latency_under', 'expected latency under 1 s, got 1.234 s'],
    ]);
  });

  it('checks the assertions, pointing at each failing operator', () => {
    const expect: ExpectSpec = {
      status: 200,
      assert: [
        { path: '$.success', equals: true },
        { path: '$.message', equals: 'Echo: smoke-${matrix.runtime}' },
        { path: '$.action', equals: 'echo2' },
      ],
    };
    assert.deepEqual(run(expect, echo), [['assert.2.equals', '$.action: expected "echo2", got "echo"']]);
  });

  it('any_of holds when one alternative holds, else says why each failed', () => {
    const expect: ExpectSpec = {
      any_of: [
        { status: 501, assert: [{ path: '$.error', exists: true }] },
        { status: 200, assert: [{ path: '$.success', equals: true }] },
      ],
    };
    assert.deepEqual(run(expect, echo), []);
    assert.deepEqual(run(expect, httpObservation('{"success":false}', { status: 200 })), [
      [
        'any_of',
        'none of the 2 alternatives holds: (1) expected status 501, got 200 (body: {"success":false}) and $.error: expected at least one match, got none; (2) $.success: expected true, got false',
      ],
    ]);
  });

  it('parse re-reads the text when it was parsed another way', () => {
    const lines = httpObservation('{"_msg":"a"}\n{"_msg":"b"}\n', { parsedAs: 'text' });
    assert.deepEqual(
      run({ parse: 'json_lines', assert: [{ path: '$[*]._msg', includes_all: ['a', 'b'] }] }, lines),
      [],
    );
    assert.deepEqual(run({ parse: 'text', assert: [{ path: '$', type: 'string' }] }, echo), []);
    // Without parse, the text body stays a string and paths into it find nothing.
    assert.deepEqual(run({ assert: [{ path: '$[*]._msg', count: 0 }] }, lines), []);
    // An alternative may parse on its own.
    assert.deepEqual(
      run({ any_of: [{ parse: 'json_lines', assert: [{ path: '$', length: 2 }] }] }, lines),
      [],
    );
  });

  it('on a hook document, status and latency are errors and assertions read the document', () => {
    const hook = documentObservation({ Running: true });
    assert.deepEqual(run({ assert: [{ path: '$.Running', equals: true }] }, hook), []);
    assert.deepEqual(run({ status: 200, latency_under: 1 }, hook), [
      ['status', "status applies to HTTP responses; a hook's result is a document (use assert)"],
      [
        'latency_under',
        "latency_under applies to HTTP responses; a hook's result is a document (use assert)",
      ],
    ]);
  });
});
