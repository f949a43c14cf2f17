import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { JSONPath } from 'jsonpath-plus';
import { queryPath } from '../../language/eval/jsonpath.ts';
import { parseBody } from '../../language/eval/parse-body.ts';

describe('parseBody', () => {
  it('parses JSON, and keeps the text when it does not parse', () => {
    assert.deepEqual(parseBody('{"a":[1,true,null]}', 'json'), { a: [1, true, null] });
    assert.equal(parseBody('42', 'json'), 42);
    assert.equal(parseBody('Internal Server Error', 'json'), 'Internal Server Error');
    assert.equal(parseBody('', 'json'), '');
  });

  it('parses JSON lines, skipping blank and unparsable lines', () => {
    const text = '{"_msg":"a"}\n\n  \n{"_msg":"b"}\r\nnot json\n{"_msg":"c"\n[1]\n';
    assert.deepEqual(parseBody(text, 'json_lines'), [{ _msg: 'a' }, { _msg: 'b' }, [1]]);
    assert.deepEqual(parseBody('', 'json_lines'), []);
  });

  it('keeps text as text', () => {
    assert.equal(parseBody('{"a":1}', 'text'), '{"a":1}');
  });
});

describe('queryPath', () => {
  const doc = {
    items: [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ],
    success: true,
    none: null,
  };

  it('returns every match, wrapped in an array', () => {
    assert.deepEqual(queryPath('$.items[*].id', doc), ['a', 'b']);
    assert.deepEqual(queryPath('$.success', doc), [true]);
    assert.deepEqual(queryPath('$.none', doc), [null]);
    assert.deepEqual(queryPath('$.missing', doc), []);
    assert.deepEqual(queryPath('$', 'plain text'), ['plain text']);
    assert.deepEqual(queryPath('$', null), [null]);
    assert.deepEqual(queryPath('$.a', null), []);
    assert.deepEqual(queryPath('$..n', doc), [1, 2]);
  });

  it('evaluates filters safely', () => {
    assert.deepEqual(queryPath('$.items[?(@.n > 1)].id', doc), ['b']);
    assert.throws(() => queryPath('$.items[?(@.constructor)]', doc), /JSONPath .* is invalid/);
    // The catalogue filters log lines by container name this way.
    const lines = [
      { container_name: 'esb-lambda-echo-1', aws_request_id: 'r1' },
      { container_name: 'other' },
      {},
    ];
    assert.deepEqual(
      queryPath(
        "$[?(@.container_name && @.container_name.includes('lambda-echo') && @.aws_request_id)].aws_request_id",
        lines,
      ),
      ['r1'],
    );
  });

  it('throws a clear error on a bad path', () => {
    assert.throws(() => queryPath('items[0]', doc), /JSONPath items\[0\] is invalid: it must start with \$/);
    assert.throws(() => queryPath('$.items[0', doc), /'\]' is missing/);
    assert.throws(() => queryPath('$.items]', doc), /closes nothing/);
    assert.throws(() => queryPath("$['a]", doc), /quote ' is not closed/);
    assert.throws(() => queryPath('$.items.', doc), /ends with a dot/);
  });

  it('blames the document, naming the item, when a valid filter meets a value of another type', () => {
    // A malformed VictoriaLogs answer: container_name a number in the second record, with an escape sequence.
    const records = parseBody(
      '{"_msg":"ok","container_name":"lambda-echo"}\n{"_msg":"\\u001b[2J","container_name":42}\n',
      'json_lines',
    );
    const path = "$[?(@.container_name && @.container_name.includes('lambda-echo'))]";
    assert.throws(
      () => queryPath(path, records),
      (error: Error) => {
        assert.ok(!error.message.includes('is invalid'), error.message);
        assert.match(error.message, /could not be evaluated on this document: .*\(the path is valid; /);
        assert.match(error.message, /the item at \$\[1\] \{"_msg":"\\u001b\[2J","container_name":42\}\)$/);
        return true;
      },
    );
  });
});

test('a path of property names alone matches what jsonpath-plus matches, on every kind of value', () => {
  const documents: unknown[] = [
    0,
    1,
    '',
    'abc',
    true,
    false,
    [],
    [1, 2],
    {},
    { a: 1 },
    { a: { b: 'xyz' } },
    { a: [1, 2] },
    { a: null },
    { a: 0 },
    { a: '' },
    { a: { length: 5 } },
    { length: 3 },
    { a: { b: { c: false } } },
    JSON.parse('{"__proto__":{"x":1},"a":{"b":2}}'),
    { a: undefined },
  ];
  const paths = ['$.a', '$.a.b', '$.a.b.c', '$.length', '$.a.length', '$.a.b.length', '$.x', '$.a.x.y'];
  for (const document of documents)
    for (const path of paths) {
      const library: unknown = JSONPath({ path, json: document as object, eval: 'safe', wrap: true });
      assert.deepEqual(
        queryPath(path, document),
        Array.isArray(library) ? library : [],
        `${path} on ${JSON.stringify(document)}`,
      );
    }
});
