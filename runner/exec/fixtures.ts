import { escapeControls } from '../../language/text/control-characters.ts';
import { proxyFromEnv } from '../config/proxy.ts';
import type { Redactor } from '../config/redact.ts';
import type { ClientSettings } from '../config/settings.ts';
import { ReadTimeoutError, redirectNote, sendHttp, TransportError } from './http-client.ts';
import { sleepSeconds } from './sleep.ts';
import { untilAborted } from './until-aborted.ts';

/** What a fixture yields for the cases of one catalogue file. */
export type FixtureOutcome =
  | { readonly kind: 'ready'; readonly token?: string }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'fail'; readonly message: string };

/** What the fixtures need from the run. */
export interface FixtureDeps {
  readonly env: Readonly<Record<string, string>>;
  readonly settings: ClientSettings;
  readonly redactor: Redactor;
  /** Cancels a direct call; the cache ignores it (see FixtureCache). */
  readonly signal?: AbortSignal;
}

/** contract §1.4/§1.5: HEALTH_CHECK_RETRIES / HEALTH_CHECK_INTERVAL and the 30 s timeout of each call. */
export interface HealthTiming {
  readonly attempts: number;
  readonly sleepAfterTransportErrorSeconds: number;
  readonly timeoutSeconds: number;
}

export const CONTRACT_HEALTH_TIMING: HealthTiming = {
  attempts: 10,
  sleepAfterTransportErrorSeconds: 3,
  timeoutSeconds: 30,
};

const excerpt = (text: string) => escapeControls(text.length > 200 ? `${text.slice(0, 200)}…` : text);

/**
 * gateway_health: up to `attempts` GET {GW}/health, returning on the first 200. Only a transport exception
 * (connection error or timeout) is followed by a sleep; a non-200 answer is retried at once. No 200 skips.
 */
export async function checkGatewayHealth(deps: FixtureDeps, timing: HealthTiming): Promise<FixtureOutcome> {
  const url = `${deps.settings.gateway_url}/health`;
  let last = '';
  for (let i = 0; i < timing.attempts; i++) {
    try {
      const response = await sendHttp({
        method: 'GET',
        url,
        headers: {},
        timeoutSeconds: timing.timeoutSeconds,
        verifySsl: deps.settings.verify_ssl,
        proxy: proxyFromEnv(deps.env),
        signal: deps.signal,
      });
      if (response.status === 200) return { kind: 'ready' };
      const redirect = redirectNote(response);
      last = `answered ${response.status} ${redirect === '' ? excerpt(response.text) : redirect}`;
    } catch (error) {
      if (!(error instanceof TransportError || error instanceof ReadTimeoutError)) throw error;
      last = error.message;
      await sleepSeconds(timing.sleepAfterTransportErrorSeconds, deps.signal);
    }
  }
  return {
    kind: 'skip',
    reason: deps.redactor.redact(
      `gateway not healthy: ${timing.attempts} GET ${url} got no 200 (last: ${last}); start ESB or the testbed and check GATEWAY_URL`,
    ),
  };
}

/**
 * Seconds the login may take. ESB's suite logs in without a timeout (contract §2), but a login that hangs would
 * stall every case of the catalogue file; ESB answers a login in milliseconds, and 30 s is the gateway's own
 * bound on an invocation.
 */
export const LOGIN_TIMEOUT_SECONDS = 30;

/**
 * auth_token: one login, POST {GW}{AUTH_ENDPOINT_PATH} with x-api-key and the user's credentials, bounded by
 * LOGIN_TIMEOUT_SECONDS. The token is registered with the redactor before anything can print it.
 */
export async function login(
  deps: FixtureDeps,
  timeoutSeconds: number = LOGIN_TIMEOUT_SECONDS,
): Promise<FixtureOutcome> {
  const url = `${deps.settings.gateway_url}${deps.settings.auth_endpoint_path}`;
  const body = JSON.stringify({
    AuthParameters: { USERNAME: deps.env.AUTH_USER ?? '', PASSWORD: deps.env.AUTH_PASS ?? '' },
  });
  let response: Awaited<ReturnType<typeof sendHttp>>;
  try {
    response = await sendHttp({
      method: 'POST',
      url,
      headers: { 'x-api-key': deps.env.X_API_KEY ?? '', 'Content-Type': 'application/json' },
      body,
      timeoutSeconds,
      verifySsl: deps.settings.verify_ssl,
      proxy: proxyFromEnv(deps.env),
      signal: deps.signal,
    });
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'fail', message: deps.redactor.redact(`login failed: POST ${url}: ${message}`) };
  }
  const token = readToken(response.text);
  if (token !== undefined) deps.redactor.add(token);
  const redirect = redirectNote(response);
  if (redirect !== '') {
    return {
      kind: 'fail',
      message: deps.redactor.redact(
        `login failed: POST ${url} answered ${response.status}, ${redirect}; set GATEWAY_URL (and AUTH_ENDPOINT_PATH) to the gateway's own address`,
      ),
    };
  }
  if (response.status !== 200) {
    return {
      kind: 'fail',
      message: deps.redactor.redact(
        `login failed: POST ${url} answered ${response.status} (expected 200): ${excerpt(response.text)}; check X_API_KEY, AUTH_USER and AUTH_PASS`,
      ),
    };
  }
  if (token === undefined) {
    return {
      kind: 'fail',
      message: deps.redactor.redact(
        `login failed: POST ${url} answered 200 without AuthenticationResult.IdToken: ${excerpt(response.text)}`,
      ),
    };
  }
  return { kind: 'ready', token };
}

function readToken(text: string): string | undefined {
  try {
    const token = (JSON.parse(text) as { AuthenticationResult?: { IdToken?: unknown } })?.AuthenticationResult
      ?.IdToken;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fixtures of one run, one per catalogue file as pytest's module-scoped fixtures: the first case of a file
 * checks health (and logs in), concurrent cases of the file await the same promise, later ones reuse the outcome.
 * The shared check runs without any one case's signal, so cancelling that case cannot fail the others; each
 * caller stops waiting when its own signal is cancelled.
 */
export class FixtureCache {
  private readonly health = new Map<string, Promise<FixtureOutcome>>();
  private readonly auth = new Map<string, Promise<FixtureOutcome>>();
  private readonly timing: HealthTiming;
  /** Logins performed so far (tests count them). */
  logins = 0;

  constructor(timing: HealthTiming = CONTRACT_HEALTH_TIMING) {
    this.timing = timing;
  }

  gatewayHealth(file: string, deps: FixtureDeps): Promise<FixtureOutcome> {
    return untilAborted(this.sharedHealth(file, deps), deps.signal);
  }

  authToken(file: string, deps: FixtureDeps): Promise<FixtureOutcome> {
    let pending = this.auth.get(file);
    if (pending === undefined) {
      pending = this.sharedHealth(file, deps).then((health) => {
        if (health.kind !== 'ready') return health;
        this.logins++;
        return login({ ...deps, signal: undefined });
      });
      this.auth.set(file, pending);
    }
    return untilAborted(pending, deps.signal);
  }

  private sharedHealth(file: string, deps: FixtureDeps): Promise<FixtureOutcome> {
    let pending = this.health.get(file);
    if (pending === undefined) {
      pending = checkGatewayHealth({ ...deps, signal: undefined }, this.timing);
      this.health.set(file, pending);
    }
    return pending;
  }
}
