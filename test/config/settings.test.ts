import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigurationError, deriveSettings, requireClientEnv } from '../../runner/config/settings.ts';

test('an empty environment yields the contract §1.1 defaults', () => {
  assert.deepEqual(deriveSettings({}), {
    gateway_url: 'https://localhost:443',
    victorialogs_url: 'http://localhost:9428',
    agent_metrics_url: 'http://localhost:9091',
    auth_endpoint_path: '/user/auth/v1',
    verify_ssl: false,
    idle_timeout_seconds: 300,
    heartbeat_interval: 30,
    scale_to_zero_buffer: 30,
    image_expect_success: true,
    image_expected_logger: 'cloudwatch.logs.python',
    port_s3: 9000,
    s3_url: 'http://localhost:9000',
    s3_access_key: 'esb',
    s3_secret_key: 'esb',
    project_name: null,
    mode: 'docker',
  });
});

test('URLs come from the *_URL variables, else from the ports', () => {
  const fromPorts = deriveSettings({ GATEWAY_PORT: '8443', VICTORIALOGS_PORT: '1', AGENT_METRICS_PORT: '2' });
  assert.equal(fromPorts.gateway_url, 'https://localhost:8443');
  assert.equal(fromPorts.victorialogs_url, 'http://localhost:1');
  assert.equal(fromPorts.agent_metrics_url, 'http://localhost:2');
  const explicit = deriveSettings({ GATEWAY_URL: 'https://127.0.0.1:9/', GATEWAY_PORT: '8443' });
  assert.equal(explicit.gateway_url, 'https://127.0.0.1:9');
});

test('VERIFY_SSL is on only for 1, true, yes, on (trimmed, any case)', () => {
  for (const on of ['1', 'true', ' YES ', 'On'])
    assert.equal(deriveSettings({ VERIFY_SSL: on }).verify_ssl, true, on);
  for (const off of ['0', 'false', 'no', '', 'verify']) {
    assert.equal(deriveSettings({ VERIFY_SSL: off }).verify_ssl, false, off);
  }
});

test('idle timeout: GATEWAY_IDLE_TIMEOUT_SECONDS, else IDLE_TIMEOUT_MINUTES*60, at least 1', () => {
  assert.equal(deriveSettings({ GATEWAY_IDLE_TIMEOUT_SECONDS: '15' }).idle_timeout_seconds, 15);
  assert.equal(deriveSettings({ IDLE_TIMEOUT_MINUTES: '2' }).idle_timeout_seconds, 120);
  assert.equal(
    deriveSettings({ IDLE_TIMEOUT_MINUTES: '2', GATEWAY_IDLE_TIMEOUT_SECONDS: '7' }).idle_timeout_seconds,
    7,
  );
  assert.equal(deriveSettings({ GATEWAY_IDLE_TIMEOUT_SECONDS: '0' }).idle_timeout_seconds, 1);
  assert.equal(deriveSettings({ GATEWAY_IDLE_TIMEOUT_SECONDS: '-5' }).idle_timeout_seconds, 1);
});

test('scale_to_zero_buffer is min(30, max(10, 2*heartbeat))', () => {
  assert.equal(deriveSettings({ HEARTBEAT_INTERVAL: '5' }).scale_to_zero_buffer, 10);
  assert.equal(deriveSettings({ HEARTBEAT_INTERVAL: '8' }).scale_to_zero_buffer, 16);
  assert.equal(deriveSettings({ HEARTBEAT_INTERVAL: '60' }).scale_to_zero_buffer, 30);
  assert.equal(deriveSettings({ HEARTBEAT_INTERVAL: '5' }).heartbeat_interval, 5);
});

test('E2E_IMAGE_TEST_EXPECT_SUCCESS is false only for 0, false, no, off', () => {
  for (const off of ['0', 'false', ' NO ', 'Off']) {
    assert.equal(deriveSettings({ E2E_IMAGE_TEST_EXPECT_SUCCESS: off }).image_expect_success, false, off);
  }
  for (const on of ['1', 'true', 'anything']) {
    assert.equal(deriveSettings({ E2E_IMAGE_TEST_EXPECT_SUCCESS: on }).image_expect_success, true, on);
  }
});

test('E2E_IMAGE_EXPECTED_LOGGER is trimmed; unset or blank means cloudwatch.logs.python', () => {
  assert.equal(
    deriveSettings({ E2E_IMAGE_EXPECTED_LOGGER: ' cloudwatch.logs.java ' }).image_expected_logger,
    'cloudwatch.logs.java',
  );
  for (const blank of ['', '   '])
    assert.equal(
      deriveSettings({ E2E_IMAGE_EXPECTED_LOGGER: blank }).image_expected_logger,
      'cloudwatch.logs.python',
    );
});

test('S3, project and mode values', () => {
  const s = deriveSettings({
    PORT_S3: '9100',
    RUSTFS_ACCESS_KEY: 'ak',
    RUSTFS_SECRET_KEY: 'sk',
    PROJECT_NAME: 'esb-e2e-docker',
    MODE: 'containerd',
    AUTH_ENDPOINT_PATH: '/auth',
  });
  assert.equal(s.port_s3, 9100);
  assert.equal(s.s3_url, 'http://localhost:9100');
  assert.equal(s.s3_access_key, 'ak');
  assert.equal(s.s3_secret_key, 'sk');
  assert.equal(s.project_name, 'esb-e2e-docker');
  assert.equal(s.mode, 'containerd');
  assert.equal(s.auth_endpoint_path, '/auth');
});

test('a number that does not parse is a configuration error naming the variable', () => {
  assert.throws(
    () => deriveSettings({ HEARTBEAT_INTERVAL: 'five', PORT_S3: 'x' }),
    (error: unknown) =>
      error instanceof ConfigurationError &&
      error.problems.length === 2 &&
      /HEARTBEAT_INTERVAL="five"/.test(error.message) &&
      /PORT_S3="x"/.test(error.message),
  );
});

test('requireClientEnv names each missing credential', () => {
  assert.deepEqual(requireClientEnv({ X_API_KEY: 'k', AUTH_USER: 'u', AUTH_PASS: 'p' }), []);
  const problems = requireClientEnv({ X_API_KEY: '  ', AUTH_USER: 'u' });
  assert.equal(problems.length, 2);
  assert.match(problems[0] ?? '', /^X_API_KEY is not set/);
  assert.match(problems[1] ?? '', /^AUTH_PASS is not set/);
});
