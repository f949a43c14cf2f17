import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MIN_SECRET_LENGTH,
  Redactor,
  redactorFromEnv,
  weakSecretWarning,
} from '../../runner/config/redact.ts';

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

test('a secret is hidden in every form a server or the runner may write it', () => {
  const secret = `p&ss<"wo rd'>`;
  const redactor = new Redactor([secret]);
  const forms = {
    html: 'p&amp;ss&lt;&quot;wo rd&#39;&gt;',
    htmlHex: 'p&#x26;ss&#x3c;&#x22;wo rd&#x27;&#x3e;',
    json: JSON.stringify(secret).slice(1, -1),
    jsonTwice: JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
    url: encodeURIComponent(secret),
    form: encodeURIComponent(secret).replaceAll('%20', '+'),
    base64: Buffer.from(secret).toString('base64'),
  };
  for (const [name, form] of Object.entries(forms))
    assert.equal(redactor.redact(`before ${form} after`), 'before *** after', name);
});

test('the environment: Basic user:pass, the userinfo of a URL variable, and the secret variables', () => {
  const redactor = redactorFromEnv({
    AUTH_USER: 'alice',
    AUTH_PASS: 'pa55word',
    GATEWAY_URL: 'https://gw-user:gw%2Fpass@127.0.0.1:8443',
    HTTPS_PROXY: 'http://proxy-secret@127.0.0.1:3128',
  });
  const basic = Buffer.from('alice:pa55word').toString('base64');
  assert.equal(redactor.redact(`Authorization: Basic ${basic}`), 'Authorization: Basic ***');
  assert.equal(
    redactor.redact('https://gw-user:gw%2Fpass@127.0.0.1:8443/health'),
    'https://***@127.0.0.1:8443/health',
  );
  assert.equal(redactor.redact('password gw/pass'), 'password ***');
  assert.equal(redactor.redact('via http://proxy-secret@127.0.0.1:3128'), 'via http://***@127.0.0.1:3128');
});

test('a secret shorter than MIN_SECRET_LENGTH is hidden where it stands alone, never inside words, paths or names', () => {
  assert.equal(MIN_SECRET_LENGTH, 4);
  const redactor = redactorFromEnv({ AUTH_PASS: 'e', X_API_KEY: 'k!y' });
  const text =
    'catalog/test_resilience.yaml:12:5: expected "e", got "k!y" (body: {"password":"e","key":"k!y"}) e';
  assert.equal(
    redactor.redact(text),
    'catalog/test_resilience.yaml:12:5: expected "***", got "***" (body: {"password":"***","key":"***"}) ***',
  );
  assert.equal(
    weakSecretWarning({ AUTH_PASS: 'e', X_API_KEY: 'k!y', RUSTFS_SECRET_KEY: 'long-enough' }),
    'X_API_KEY, AUTH_PASS are shorter than 4 characters: hidden in output only where they stand alone; use a longer secret',
  );
  assert.equal(weakSecretWarning({ AUTH_PASS: 'long-enough' }), undefined);
});

test("a presigned URL's signature is hidden, plain or URL-encoded inside another URL; the rest of the URL stays", () => {
  const signature = 'cc621d54da1261999302bdc40d4aeed71f72acefc9eb442be9b3dbe185eeb31f';
  const url = `http://localhost:9000/e2e-test-bucket/k.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=120&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`;
  const redactor = new Redactor();
  assert.equal(redactor.redact(`GET ${url}`), `GET ${url.replace(signature, '***')}`);
  assert.equal(
    redactor.redact(`"url": "${encodeURIComponent(url)}"`),
    `"url": "${encodeURIComponent(url).replace(signature, '***')}"`,
  );
  // A parameter that merely resembles it, or a value too short to be a signature, is left alone.
  assert.equal(redactor.redact('X-Amz-Signature=abc'), 'X-Amz-Signature=abc');
});
