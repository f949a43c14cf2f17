/**
 * Client settings derived from the client environment exactly as contract §1.1 says. Catalogue templates read
 * them as `${settings.<name>}`, so the names are snake_case like the spec's.
 */
// A type alias, not an interface, so that it is assignable to the scope's Record<string, unknown>.
export type ClientSettings = {
  readonly gateway_url: string;
  readonly victorialogs_url: string;
  readonly agent_metrics_url: string;
  readonly auth_endpoint_path: string;
  /** TLS verification of gateway calls (VERIFY_SSL; default off, contract §1.3). */
  readonly verify_ssl: boolean;
  /** GATEWAY_IDLE_TIMEOUT_SECONDS, else IDLE_TIMEOUT_MINUTES*60 (default 5 minutes); at least 1. */
  readonly idle_timeout_seconds: number;
  readonly heartbeat_interval: number;
  /** min(30, max(10, 2 * heartbeat_interval)): the slack the scale-to-zero cases wait beyond the idle timeout. */
  readonly scale_to_zero_buffer: number;
  /** E2E_IMAGE_TEST_EXPECT_SUCCESS; false for 0, false, no, off (trimmed, case-insensitive). */
  readonly image_expect_success: boolean;
  /**
   * E2E_IMAGE_EXPECTED_LOGGER (ESB 2026-03-02 on): the logger of lambda-image's CloudWatch passthrough records;
   * trimmed, cloudwatch.logs.python when unset or empty.
   */
  readonly image_expected_logger: string;
  readonly port_s3: number;
  readonly s3_url: string;
  readonly s3_access_key: string;
  readonly s3_secret_key: string;
  /** PROJECT_NAME, or null when unset (the restart suite requires it). */
  readonly project_name: string | null;
  readonly mode: string;
};

/** A client environment that cannot run cases; the run stops before any case with these messages. */
export class ConfigurationError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`configuration error:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const TRUTHY = new Set(['1', 'true', 'yes', 'on']);
const FALSY = new Set(['0', 'false', 'no', 'off']);

/** An unset or empty variable counts as unset: an empty URL or port is never meant literally. */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Derives the settings; throws a ConfigurationError naming every variable that does not parse. Required
 * credentials are checked separately by requireClientEnv so that `list`-like commands need none.
 */
export function deriveSettings(env: Env): ClientSettings {
  const problems: string[] = [];
  const number = (name: string, fallback: number): number => {
    const raw = read(env, name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      problems.push(`${name}=${JSON.stringify(raw)} is not a number; set it to a number or unset it`);
      return fallback;
    }
    return value;
  };
  const gatewayPort = read(env, 'GATEWAY_PORT') ?? '443';
  const vlPort = read(env, 'VICTORIALOGS_PORT') ?? '9428';
  const amPort = read(env, 'AGENT_METRICS_PORT') ?? '9091';
  const idleMinutes = number('IDLE_TIMEOUT_MINUTES', 5);
  const idleSeconds = number('GATEWAY_IDLE_TIMEOUT_SECONDS', idleMinutes * 60);
  const heartbeat = number('HEARTBEAT_INTERVAL', 30);
  const portS3 = number('PORT_S3', 9000);
  const settings: ClientSettings = {
    gateway_url: withoutTrailingSlash(read(env, 'GATEWAY_URL') ?? `https://localhost:${gatewayPort}`),
    victorialogs_url: withoutTrailingSlash(read(env, 'VICTORIALOGS_URL') ?? `http://localhost:${vlPort}`),
    agent_metrics_url: withoutTrailingSlash(read(env, 'AGENT_METRICS_URL') ?? `http://localhost:${amPort}`),
    auth_endpoint_path: read(env, 'AUTH_ENDPOINT_PATH') ?? '/user/auth/v1',
    verify_ssl: TRUTHY.has((env.VERIFY_SSL ?? '').trim().toLowerCase()),
    idle_timeout_seconds: Math.max(1, idleSeconds),
    heartbeat_interval: heartbeat,
    scale_to_zero_buffer: Math.min(30, Math.max(10, 2 * heartbeat)),
    image_expect_success: !FALSY.has((env.E2E_IMAGE_TEST_EXPECT_SUCCESS ?? '1').trim().toLowerCase()),
    image_expected_logger: read(env, 'E2E_IMAGE_EXPECTED_LOGGER') ?? 'cloudwatch.logs.python',
    port_s3: portS3,
    s3_url: `http://localhost:${portS3}`,
    s3_access_key: read(env, 'RUSTFS_ACCESS_KEY') ?? 'esb',
    s3_secret_key: read(env, 'RUSTFS_SECRET_KEY') ?? 'esb',
    project_name: read(env, 'PROJECT_NAME') ?? null,
    mode: read(env, 'MODE') ?? 'docker',
  };
  if (problems.length > 0) throw new ConfigurationError(problems);
  return settings;
}

/** The variables without which no case can log in (contract §1.1: an empty value aborts the session). */
export const REQUIRED_CLIENT_VARIABLES = ['X_API_KEY', 'AUTH_USER', 'AUTH_PASS'] as const;

/** One message per missing required variable; empty when the environment can run cases. */
export function requireClientEnv(env: Env): string[] {
  return REQUIRED_CLIENT_VARIABLES.filter((name) => read(env, name) === undefined).map(
    (name) =>
      `${name} is not set; export it (the testbed prints it: npm run testbed -- up) before running cases`,
  );
}
