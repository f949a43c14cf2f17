import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  containsPhrase,
  type LogsqlFilter,
  matchesLogsql,
  parseLogsql,
} from '../../../testbed/services/victorialogs/logsql.ts';

function parsed(query: string): LogsqlFilter {
  const result = parseLogsql(query);
  assert.ok(result.ok, `expected '${query}' to parse: ${result.ok ? '' : result.message}`);
  return result.filter;
}

function parseError(query: string): string {
  const result = parseLogsql(query);
  assert.ok(!result.ok, `expected '${query}' to be refused`);
  return result.message;
}

function matches(query: string, fields: Record<string, string>, phraseAsEquality = false): boolean {
  return matchesLogsql(parsed(query), fields, { phraseAsEquality });
}

describe('LogsQL parser', () => {
  it('reads field:"quoted" with escapes', () => {
    assert.deepEqual(parsed('trace_id:"1-abc-def"'), {
      kind: 'phrase',
      field: 'trace_id',
      phrase: '1-abc-def',
    });
    assert.deepEqual(parsed('_msg:"say \\"hi\\" \\\\ now"'), {
      kind: 'phrase',
      field: '_msg',
      phrase: 'say "hi" \\ now',
    });
    assert.deepEqual(parsed('f:"a\\nb"'), { kind: 'phrase', field: 'f', phrase: 'a\nb' });
  });

  it('reads unquoted values with dots, dashes, slashes and colons', () => {
    assert.deepEqual(parsed('logger:boto3.mock'), { kind: 'phrase', field: 'logger', phrase: 'boto3.mock' });
    assert.deepEqual(parsed('log_group:/aws/lambda/x-y'), {
      kind: 'phrase',
      field: 'log_group',
      phrase: '/aws/lambda/x-y',
    });
    assert.deepEqual(parsed('at:12:30'), { kind: 'phrase', field: 'at', phrase: '12:30' });
    assert.deepEqual(parsed('kubernetes.pod:web-1'), {
      kind: 'phrase',
      field: 'kubernetes.pod',
      phrase: 'web-1',
    });
  });

  it('reads a filter without a field as a _msg phrase', () => {
    assert.deepEqual(parsed('"Echo: hi"'), { kind: 'phrase', field: '_msg', phrase: 'Echo: hi' });
    assert.deepEqual(parsed('error'), { kind: 'phrase', field: '_msg', phrase: 'error' });
    assert.deepEqual(parsed('*'), { kind: 'match-all' });
  });

  it('joins terms with AND or whitespace, and flattens them into one conjunction', () => {
    const expected = {
      kind: 'and',
      filters: [
        { kind: 'phrase', field: 'a', phrase: 'x' },
        { kind: 'phrase', field: 'b', phrase: 'y z' },
        { kind: 'phrase', field: '_msg', phrase: 'w' },
      ],
    };
    assert.deepEqual(parsed('a:x AND b:"y z" AND w'), expected);
    assert.deepEqual(parsed('  a:x   b:"y z"\tw '), expected);
    assert.deepEqual(parsed('a:x AND b:"y z" w'), expected);
    // A quoted AND is a phrase, and a word that merely starts with AND is a word.
    assert.deepEqual(parsed('"AND"'), { kind: 'phrase', field: '_msg', phrase: 'AND' });
    assert.deepEqual(parsed('ANDROID'), { kind: 'phrase', field: '_msg', phrase: 'ANDROID' });
  });

  it('refuses what the subset does not cover, with the position', () => {
    assert.match(parseError(''), /empty/);
    assert.match(parseError('   '), /empty/);
    assert.match(parseError('a:x AND'), /on its right/);
    assert.match(parseError('AND a:x'), /on its left/);
    assert.match(parseError('a:x AND AND b:y'), /on its left/);
    assert.match(parseError('a:x OR b:y'), /operator 'OR'/);
    assert.match(parseError('a:x and b:y'), /operator 'and'/);
    assert.match(parseError('NOT a:x'), /operator 'NOT'/);
    assert.match(parseError('(a:x)'), /position 0: unexpected character '\('/);
    assert.match(parseError('a:x | limit 5'), /unexpected character '\|'/);
    assert.match(parseError('a:"open'), /unterminated/);
    assert.match(parseError('a:'), /missing value after 'a:'/);
    assert.match(parseError('a: x'), /missing value/);
    assert.match(parseError('a:=x'), /unsupported filter form/);
    assert.match(parseError('a:x*'), /unexpected character '\*'/);
    assert.match(parseError(':x'), /missing field name/);
    assert.match(parseError('"f":x'), /quoted field names/);
    assert.match(parseError('a:"x"b'), /after a filter/);
  });
});

describe('phrase matching', () => {
  it('holds the contract examples (§7.2)', () => {
    assert.ok(matches('trace_id:"1-abc-def"', { trace_id: 'Root=1-abc-def;Sampled=1' }));
    assert.ok(matches('trace_id:"1-abc-def"', { trace_id: '1-abc-def' }));
    assert.ok(matches('container_name:"lambda-echo"', { container_name: 'lambda-echo-java' }));
    assert.ok(!matches('container_name:"lambda-echo"', { container_name: 'lambda-echoes' }));
    assert.ok(matches('logger:boto3.mock', { logger: 'boto3.mock' }));
  });

  it('respects word boundaries on both sides', () => {
    assert.ok(!containsPhrase('xlambda-echo', 'lambda-echo'));
    assert.ok(!containsPhrase('lambda_echo', 'lambda'), '_ is a word character');
    assert.ok(!containsPhrase('lambda2', 'lambda'), 'digits are word characters');
    assert.ok(!containsPhrase('añob', 'ño'), 'non-ASCII letters are word characters');
    assert.ok(containsPhrase('a.b/c=d;e f', 'c'), '., /, =, ; and space separate words');
    assert.ok(containsPhrase('Échec total', 'Échec'));
    // A later occurrence can match when an earlier one continues a word.
    assert.ok(containsPhrase('echoes echo', 'echo'));
    // Where the phrase itself starts or ends with a separator, that side needs no boundary.
    assert.ok(containsPhrase('Root=1-abc', '=1'));
    assert.ok(containsPhrase('ab c-def', 'c-'));
    assert.ok(!containsPhrase('abc-def', 'c-'), 'the word side still needs its boundary');
    assert.ok(containsPhrase('a 😀b', '😀b'));
  });

  it('is case-sensitive and never matches a missing field', () => {
    assert.ok(!matches('level:debug', { level: 'DEBUG' }));
    assert.ok(!matches('level:DEBUG', { _msg: 'DEBUG' }));
    assert.ok(!matches('toString:x', {}), 'inherited object members are not fields');
  });

  it('lets an empty phrase select a missing or empty field', () => {
    assert.ok(matches('f:""', {}));
    assert.ok(matches('f:""', { f: '' }));
    assert.ok(!matches('f:""', { f: 'x' }));
  });

  it('matches a bare phrase against _msg', () => {
    assert.ok(matches('"Echo: from-chain"', { _msg: 'Reply Echo: from-chain done' }));
    assert.ok(!matches('"Echo: from-chain"', { message: 'Echo: from-chain' }));
  });

  it('needs every term of a conjunction', () => {
    const record = {
      trace_id: 'Root=1-a;Sampled=1',
      container_name: 'lambda-echo-java',
      _msg: 'hello world',
    };
    assert.ok(matches('trace_id:"1-a" AND container_name:"lambda-echo" AND world', record));
    assert.ok(matches('trace_id:"1-a" container_name:"lambda-echo"', record));
    assert.ok(!matches('trace_id:"1-a" AND container_name:"lambda-integration"', record));
    assert.ok(matches('*', record));
  });

  it('compares whole values under the vl-phrase-as-equality fault', () => {
    assert.ok(!matches('trace_id:"1-abc-def"', { trace_id: 'Root=1-abc-def;Sampled=1' }, true));
    assert.ok(matches('trace_id:"1-abc-def"', { trace_id: '1-abc-def' }, true));
    assert.ok(!matches('container_name:"lambda-echo"', { container_name: 'lambda-echo-java' }, true));
  });
});
