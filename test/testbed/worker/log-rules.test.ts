import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJavaEventBody } from '../../../testbed/functions/handlers/java-event-body.ts';
import { parsePythonEventBody } from '../../../testbed/functions/handlers/python-event-body.ts';
import { pythonJsonDumps } from '../../../testbed/functions/handlers/python-json.ts';
import { bareTraceRoot, invocationTrace } from '../../../testbed/services/worker/invocation-trace.ts';
import {
  belowPythonLogLevel,
  javaCloudWatchLevel,
  plainLineLevel,
  pythonCloudWatchLevel,
} from '../../../testbed/services/worker/log-level-rules.ts';
import { createStdoutHook } from '../../../testbed/services/worker/stdout-hook.ts';
import type { LogRecord } from '../../../testbed/shared/log-shipper.ts';
import { stable } from './worker-harness.ts';

describe('plain line levels (contract §4.3)', () => {
  const cases: [string, string, string][] = [
    // line, python, java
    ['all good', 'INFO', 'INFO'],
    ['debug: x', 'DEBUG', 'DEBUG'],
    ['a Trace of it', 'DEBUG', 'DEBUG'],
    ['Warning: disk', 'WARNING', 'WARNING'],
    ['an error here', 'ERROR', 'ERROR'],
    ['CRITICAL stop', 'ERROR', 'ERROR'],
    // The orders differ: Python looks for DEBUG first, Java for ERROR first.
    ['DEBUG: an ERROR happened', 'DEBUG', 'ERROR'],
    ['WARN then debug', 'DEBUG', 'WARNING'],
    ['error and warn', 'WARNING', 'ERROR'],
  ];
  for (const [line, python, java] of cases)
    test(`"${line}" is ${python} in python, ${java} in java`, () => {
      assert.equal(plainLineLevel('python', line), python);
      assert.equal(plainLineLevel('java', line), java);
    });
});

describe('CloudWatch passthrough levels (contract §4.4)', () => {
  test('python: an exact [LEVEL] prefix sets the level and is stripped with the spaces after it', () => {
    assert.deepEqual(pythonCloudWatchLevel('[INFO] Test log'), { level: 'INFO', message: 'Test log' });
    assert.deepEqual(pythonCloudWatchLevel('[DEBUG]   dbg'), { level: 'DEBUG', message: 'dbg' });
    assert.deepEqual(pythonCloudWatchLevel('[WARNING] w'), { level: 'WARNING', message: 'w' });
    assert.deepEqual(pythonCloudWatchLevel('[ERROR] e'), { level: 'ERROR', message: 'e' });
    assert.deepEqual(pythonCloudWatchLevel('[CRITICAL] c'), { level: 'CRITICAL', message: 'c' });
    assert.deepEqual(pythonCloudWatchLevel('no prefix ERROR'), { level: 'INFO', message: 'no prefix ERROR' });
    assert.deepEqual(pythonCloudWatchLevel('[debug] lower'), { level: 'INFO', message: '[debug] lower' });
    assert.deepEqual(pythonCloudWatchLevel('[WARN] short'), { level: 'INFO', message: '[WARN] short' });
  });
  test('java: [DEBUG] or " TRACE", then WARN, then ERROR/CRIT; only a matching prefix is stripped', () => {
    assert.deepEqual(javaCloudWatchLevel('[DEBUG] Debug log'), { level: 'DEBUG', message: 'Debug log' });
    assert.deepEqual(javaCloudWatchLevel('with TRACE inside'), {
      level: 'DEBUG',
      message: 'with TRACE inside',
    });
    assert.deepEqual(javaCloudWatchLevel('[ERROR] Error log'), { level: 'ERROR', message: 'Error log' });
    assert.deepEqual(javaCloudWatchLevel('a CRIT thing'), { level: 'ERROR', message: 'a CRIT thing' });
    assert.deepEqual(javaCloudWatchLevel('[WARN] careful'), { level: 'WARNING', message: '[WARN] careful' });
    assert.deepEqual(javaCloudWatchLevel('[WARNING] careful'), { level: 'WARNING', message: 'careful' });
    assert.deepEqual(javaCloudWatchLevel('[ERROR] but WARN'), {
      level: 'WARNING',
      message: '[ERROR] but WARN',
    });
    assert.deepEqual(javaCloudWatchLevel('Java CloudWatch log test'), {
      level: 'INFO',
      message: 'Java CloudWatch log test',
    });
  });
  test('python LOG_LEVEL: records below the threshold are dropped; unknown values mean INFO', () => {
    assert.equal(belowPythonLogLevel('DEBUG', 'DEBUG'), false);
    assert.equal(belowPythonLogLevel('DEBUG', 'INFO'), true);
    assert.equal(belowPythonLogLevel('INFO', 'warning'), true);
    assert.equal(belowPythonLogLevel('ERROR', 'WARNING'), false);
    assert.equal(belowPythonLogLevel('DEBUG', 'verbose'), true);
    assert.equal(belowPythonLogLevel('INFO', 'verbose'), false);
  });
});

describe('trace forms (contract §5.4)', () => {
  test('bare root of a full header; a bare value is kept', () => {
    assert.equal(bareTraceRoot('Root=1-abc-def;Parent=p1;Sampled=1'), '1-abc-def');
    assert.equal(bareTraceRoot('Sampled=1;Root=1-x-y'), '1-x-y');
    assert.equal(bareTraceRoot('1-abc-def'), '1-abc-def');
  });
  test('the ClientContext trace wins over the header; the header is the fallback', () => {
    const context = Buffer.from(JSON.stringify({ custom: { trace_id: 'Root=1-a-b;Sampled=1' } })).toString(
      'base64',
    );
    assert.equal(
      invocationTrace({ traceHeader: 'Root=1-z-z;Sampled=1', clientContext: context }),
      'Root=1-a-b;Sampled=1',
    );
    assert.equal(
      invocationTrace({ traceHeader: 'Root=1-z-z;Sampled=1', clientContext: undefined }),
      'Root=1-z-z;Sampled=1',
    );
    assert.equal(
      invocationTrace({ traceHeader: 'Root=1-z-z;Sampled=1', clientContext: 'not base64 json' }),
      'Root=1-z-z;Sampled=1',
    );
    assert.equal(invocationTrace({ traceHeader: undefined, clientContext: undefined }), undefined);
    const envForm = Buffer.from(
      JSON.stringify({ custom: { _X_AMZN_TRACE_ID: 'Root=1-e-e;Sampled=1' } }),
    ).toString('base64');
    assert.equal(invocationTrace({ traceHeader: undefined, clientContext: envForm }), 'Root=1-e-e;Sampled=1');
  });
});

describe('stdout hook (contract §4.3)', () => {
  const requestId = '5ac9740e-4471-472c-a078-3c54be2008e3';
  const capture = (runtime: 'python' | 'java', traceHeader: string | undefined) => {
    const records: LogRecord[] = [];
    const hook = createStdoutHook(
      {
        functionName: runtime === 'java' ? 'lambda-echo-java' : 'lambda-echo',
        runtime,
        traceHeader,
        awsRequestId: requestId,
      },
      (record) => records.push(record),
    );
    return { hook, records };
  };

  test('python plain lines: split, blanks skipped, level inferred, metadata and full trace added', () => {
    const { hook, records } = capture('python', 'Root=1-a-b;Sampled=1');
    hook.writeText('first line\n\n  \nDEBUG: second\n');
    assert.deepEqual(records.map(stable), [
      {
        level: 'INFO',
        message: 'first line',
        container_name: 'lambda-echo',
        job: 'lambda',
        trace_id: 'Root=1-a-b;Sampled=1',
      },
      {
        level: 'DEBUG',
        message: 'DEBUG: second',
        container_name: 'lambda-echo',
        job: 'lambda',
        trace_id: 'Root=1-a-b;Sampled=1',
      },
    ]);
    assert.ok(records.every((r) => r.aws_request_id === requestId));
  });

  test('python JSON lines keep their keys; timestamp becomes _time; no trace key without a trace', () => {
    const { hook, records } = capture('python', undefined);
    hook.writeText(
      JSON.stringify({
        timestamp: '2026-01-02T03:04:05.678Z',
        level: 'info',
        message: 'm',
        container_name: 'mine',
        trace_id: 'keep',
      }),
    );
    hook.writeText(JSON.stringify({ level: 'INFO', message: 'no trace' }));
    assert.deepEqual(records[0], {
      _time: '2026-01-02T03:04:05.678Z',
      level: 'info',
      message: 'm',
      container_name: 'mine',
      job: 'lambda',
      trace_id: 'keep',
      aws_request_id: requestId,
    });
    assert.equal(records[1] && 'trace_id' in records[1], false);
  });

  test('java: not-found or blank trace_id becomes the bare root; missing level/message are filled', () => {
    const { hook, records } = capture('java', 'Root=1-a-b;Sampled=1');
    hook.writeText(JSON.stringify({ level: 'INFO', message: 'x', trace_id: 'not-found' }));
    hook.writeText(JSON.stringify({ level: 'INFO', message: 'y', trace_id: ' ' }));
    hook.writeText(JSON.stringify({ level: 'INFO', message: 'z', trace_id: 'Root=1-kept;Sampled=1' }));
    hook.writeText(JSON.stringify({ detail: 'an ERROR somewhere' }));
    hook.writeText('{}');
    hook.writeText('plain WARN and DEBUG');
    const stableRecords = records.map(stable);
    assert.equal(stableRecords[0]?.trace_id, '1-a-b');
    assert.equal(stableRecords[1]?.trace_id, '1-a-b');
    assert.equal(stableRecords[2]?.trace_id, 'Root=1-kept;Sampled=1');
    assert.deepEqual(stableRecords[3], {
      detail: 'an ERROR somewhere',
      message: '{"detail":"an ERROR somewhere"}',
      level: 'ERROR',
      container_name: 'lambda-echo-java',
      job: 'lambda',
      trace_id: '1-a-b',
    });
    // An empty JSON object is a plain line to the Java sink.
    assert.deepEqual(stableRecords[4], {
      level: 'INFO',
      message: '{}',
      container_name: 'lambda-echo-java',
      job: 'lambda',
      trace_id: '1-a-b',
    });
    assert.equal(stableRecords[5]?.level, 'WARNING');
  });

  test('java without a trace keeps not-found', () => {
    const { hook, records } = capture('java', undefined);
    hook.writeText(JSON.stringify({ level: 'INFO', message: 'x', trace_id: 'not-found' }));
    assert.equal(records[0]?.trace_id, 'not-found');
  });
});

describe('fixture helpers (contract §4.1)', () => {
  test('python body parsing: string -> JSON or {}, object as is, no body -> whole event', () => {
    assert.deepEqual(parsePythonEventBody({ body: '{"a":1}' }), { a: 1 });
    assert.deepEqual(parsePythonEventBody({ body: 'not json' }), {});
    assert.deepEqual(parsePythonEventBody({ body: { b: 2 } }), { b: 2 });
    assert.deepEqual(parsePythonEventBody({ message: 'direct' }), { message: 'direct' });
    assert.deepEqual(parsePythonEventBody('a string event'), {});
  });
  test('java body parsing: non-JSON text -> {"raw"}, base64 decoded when flagged', () => {
    assert.deepEqual(parseJavaEventBody({ body: 'plain text' }), { raw: 'plain text' });
    assert.deepEqual(
      parseJavaEventBody({ body: Buffer.from('{"m":"x"}').toString('base64'), isBase64Encoded: true }),
      { m: 'x' },
    );
    assert.deepEqual(parseJavaEventBody({ body: { b: 2 } }), { b: 2 });
    assert.deepEqual(parseJavaEventBody({ message: 'direct' }), { message: 'direct' });
  });
  test('json.dumps: Python separators and ensure_ascii', () => {
    assert.equal(
      pythonJsonDumps({ success: true, message: 'Echo: x', n: [1, null] }),
      '{"success": true, "message": "Echo: x", "n": [1, null]}',
    );
    assert.equal(pythonJsonDumps('héllo ☃'), '"h\\u00e9llo \\u2603"');
    assert.equal(pythonJsonDumps('tab\there'), '"tab\\there"');
  });
});
