/** Proxy settings of the client environment (contract §1.1: the HTTP client honours them). */
export interface ProxySettings {
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  readonly noProxy?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** HTTP_PROXY/HTTPS_PROXY/NO_PROXY of the client environment (either case), which the HTTP client honours. */
export function proxyFromEnv(env: Env): ProxySettings | undefined {
  const pick = (name: string) => env[name] || env[name.toLowerCase()] || undefined;
  const httpProxy = pick('HTTP_PROXY');
  const httpsProxy = pick('HTTPS_PROXY');
  if (!httpProxy && !httpsProxy) return undefined;
  return { httpProxy, httpsProxy, noProxy: pick('NO_PROXY') };
}
