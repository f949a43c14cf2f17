import { proxyFromEnv } from '../config/proxy.ts';
import { ConfigurationError, deriveSettings, requireClientEnv } from '../config/settings.ts';
import { ReadTimeoutError, sendHttp, TransportError } from '../exec/http-client.ts';

/** Seconds the preflight waits for the gateway's /health before calling it unreachable. */
const HEALTH_TIMEOUT_SECONDS = 10;

/**
 * Checks that a client environment can run cases against an external ESB: the credentials of contract §1.1
 * are set, every variable parses, and the gateway answers /health at the transport level (whatever its
 * status: a gateway that answers but is unhealthy is the cases' health fixture's business, which skips).
 * Returns one line naming the problem and the fix, or undefined.
 */
export async function externalPreflight(
  clientEnv: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const missing = requireClientEnv(clientEnv);
  if (missing.length > 0) return missing.join('; ');
  let settings: ReturnType<typeof deriveSettings>;
  try {
    settings = deriveSettings(clientEnv);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems.join('; ');
    throw error;
  }
  const url = `${settings.gateway_url}/health`;
  try {
    await sendHttp({
      method: 'GET',
      url,
      headers: {},
      timeoutSeconds: HEALTH_TIMEOUT_SECONDS,
      verifySsl: settings.verify_ssl,
      proxy: proxyFromEnv(clientEnv),
      signal,
    });
    return undefined;
  } catch (error) {
    if (error instanceof TransportError || error instanceof ReadTimeoutError)
      return `the gateway is unreachable: GET ${url} failed (${error.message}); start ESB or set GATEWAY_URL`;
    if (error instanceof TypeError)
      return `GATEWAY_URL=${settings.gateway_url} is not a usable URL (${error.message}); set it to https://host:port`;
    throw error;
  }
}
