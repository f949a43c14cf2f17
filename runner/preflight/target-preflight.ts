import { escapeControls } from '../../language/text/control-characters.ts';
import { proxyFromEnv } from '../config/proxy.ts';
import { redactorFromEnv } from '../config/redact.ts';
import {
  ConfigurationError,
  deriveSettings,
  REQUIRED_CLIENT_VARIABLES,
  requireClientEnv,
} from '../config/settings.ts';
import { ReadTimeoutError, redirectNote, sendHttp, TransportError } from '../exec/http-client.ts';

/** Seconds the preflight waits for the gateway's /health before calling it unreachable. */
const HEALTH_TIMEOUT_SECONDS = 10;

/**
 * The problem line for a /health request that failed below HTTP. "Unreachable" only when nothing answered (refused,
 * no such host, no connection); a server that answered wrongly gets its own words and fix.
 */
function transportProblem(url: string, error: TransportError | ReadTimeoutError): string {
  if (error instanceof ReadTimeoutError)
    return `the gateway did not answer in time: GET ${url}: ${error.what}; check that ESB is up and not overloaded, or set GATEWAY_URL`;
  const failed = `GET ${url} failed: ${error.what}`;
  switch (error.kind) {
    case 'refused':
    case 'dns':
      return `the gateway is unreachable: ${failed}; start ESB or set GATEWAY_URL`;
    case 'tls-mismatch':
      return `the gateway does not speak the protocol GATEWAY_URL names: ${failed}; ${error.hint ?? 'check https:// against http:// in GATEWAY_URL'}`;
    case 'certificate':
      return `the gateway's certificate was rejected: ${failed}; ${error.hint ?? 'set VERIFY_SSL=false for a self-signed certificate'}`;
    case 'timeout':
      return `the gateway did not answer in time: ${failed}; check that ESB is up and not overloaded, or set GATEWAY_URL`;
    default:
      return `the gateway answered, but not as an HTTP server should: ${failed}${error.hint === undefined ? '' : ` (${error.hint})`}; check that GATEWAY_URL points at ESB's gateway`;
  }
}

/** The longest part of an unhealthy answer's body quoted in the problem line. */
const BODY_EXCERPT = 120;

/**
 * Checks that a client environment can run cases against an ESB before any case starts: the credentials of
 * contract §1.1 are set, every variable parses, and the gateway answers GET /health with 200 (the health fixture's
 * notion of ready). Both `esb-e2e run --target external` and every node:test entry file call it, so a gateway that
 * is down or unhealthy stops a run with this line instead of skipping every case. Returns one line naming the
 * problem and the fix (with the environment's secrets redacted), or undefined.
 */
export async function targetPreflight(
  clientEnv: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const missing = requireClientEnv(clientEnv);
  if (missing.length === 1) return missing[0];
  if (missing.length > 1) {
    // One line for all of them: the usual case is no credentials exported at all.
    const names = REQUIRED_CLIENT_VARIABLES.filter((name) => (clientEnv[name] ?? '').trim() === '');
    return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are not set; export them (the testbed prints them: npm run testbed -- up) before running cases`;
  }
  let settings: ReturnType<typeof deriveSettings>;
  try {
    settings = deriveSettings(clientEnv);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems.join('; ');
    throw error;
  }
  const redact = (line: string) => redactorFromEnv(clientEnv).redact(line);
  const url = `${settings.gateway_url}/health`;
  try {
    const response = await sendHttp({
      method: 'GET',
      url,
      headers: {},
      timeoutSeconds: HEALTH_TIMEOUT_SECONDS,
      verifySsl: settings.verify_ssl,
      proxy: proxyFromEnv(clientEnv),
      signal,
    });
    if (response.status === 200) return undefined;
    const redirect = redirectNote(response);
    if (redirect !== '')
      return redact(
        `the gateway is not healthy: GET ${url} answered ${response.status}, ${redirect}; set GATEWAY_URL to the gateway's own address`,
      );
    const body = escapeControls(response.text.replace(/\s+/g, ' ').trim());
    const excerpt = body.length > BODY_EXCERPT ? `${body.slice(0, BODY_EXCERPT)}…` : body;
    return redact(
      `the gateway is not healthy: GET ${url} answered ${response.status}${excerpt === '' ? '' : ` ${excerpt}`} (expected 200); wait until ESB is healthy or check GATEWAY_URL`,
    );
  } catch (error) {
    if (error instanceof TransportError || error instanceof ReadTimeoutError)
      return redact(transportProblem(url, error));
    if (error instanceof TypeError)
      return redact(
        `GATEWAY_URL=${settings.gateway_url} is not a usable URL (${error.message}); set it to https://host:port`,
      );
    throw error;
  }
}
