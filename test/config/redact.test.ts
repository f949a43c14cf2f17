import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Redactor, redactorFromEnv } from '../../runner/config/redact.ts';

test('the secrets of the environment are replaced by ***, other values are not', () => {
  const redactor = redactorFromEnv({
    X_API_KEY: 'key-123456',
    AUTH_PASS: 'pa55word',
    RUSTFS_SECRET_KEY: 's3-secret',
    JWT_SECRET_KEY: 'jwt-signing-secret-0123456789abcdef',
    AUTH_USER: 'alice',
  });
  const text = 'key-123456 pa55word s3-secret jwt-signing-secret-0123456789abcdef alice';
  assert.equal(redactor.redact(text), '*** *** *** *** alice');
});

test('tokens added at run time are redacted, also JSON-escaped and URL-encoded', () => {
  const redactor = new Redactor();
  redactor.add('tok"en/+=');
  assert.equal(redactor.redact('a tok"en/+= b'), 'a *** b');
  assert.equal(redactor.redact(JSON.stringify({ t: 'tok"en/+=' })), '{"t":"***"}');
  assert.equal(redactor.redact(`?t=${encodeURIComponent('tok"en/+=')}`), '?t=***');
});

test('a longer secret containing a shorter one is replaced whole', () => {
  const redactor = new Redactor(['abc', 'xxabcxx']);
  assert.equal(redactor.redact('xxabcxx abc'), '*** ***');
});

test('Authorization and x-api-key headers are hidden whatever their value and case', () => {
  const redactor = new Redactor(['s3cr3t']);
  assert.deepEqual(
    redactor.redactHeaders({
      Authorization: 'Bearer not-registered',
      'X-Api-Key': 'plain',
      'X-Trace': 'id s3cr3t',
      Accept: 'text/plain',
    }),
    { Authorization: '***', 'X-Api-Key': '***', 'X-Trace': 'id ***', Accept: 'text/plain' },
  );
});

test('empty environment values are not secrets', () => {
  const redactor = redactorFromEnv({ X_API_KEY: '', AUTH_PASS: '  ' });
  assert.equal(redactor.redact('nothing to hide'), 'nothing to hide');
});

test('a secret cut short by a truncated message is hidden too', () => {
  const redactor = new Redactor(['authpass-SECRET-7777']);
  assert.equal(redactor.redact('"x-pass":"authpas…)'), '"x-pass":"***…)');
  assert.equal(redactor.redact('body: authpass-SE...'), 'body: ***...');
  assert.equal(redactor.redact('au… stays'), 'au… stays');
});
