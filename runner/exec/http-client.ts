import { createHash } from 'node:crypto';
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch } from 'undici';
import type { ProxySettings } from '../config/proxy.ts';

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Seconds for the whole exchange; undefined sends without a timeout. */
  readonly timeoutSeconds?: number;
  /** Verify the server's TLS certificate (VERIFY_SSL). */
  readonly verifySsl: boolean;
  readonly proxy?: ProxySettings;
  /** The run's cancellation; an abort rethrows its reason unchanged. */
  readonly signal?: AbortSignal;
}

/**
 * The most of a response body the runner keeps for assertions and reports: ESB's answers are a few kilobytes,
 * a VictoriaLogs query of 100 records well under a megabyte. The rest is read, counted and hashed, then dropped,
 * so a server that answers a gigabyte costs bounded memory and the failure still says exactly what came.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** A body longer than MAX_BODY_BYTES: its real size and digest (`text` holds its first MAX_BODY_BYTES). */
export interface CutBody {
  readonly totalBytes: number;
  readonly sha256: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Names lower-cased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as UTF-8, at most MAX_BODY_BYTES of it. */
  readonly text: string;
  /** Set when the body was longer than MAX_BODY_BYTES. */
  readonly cut?: CutBody;
  /** From sending the request to the last byte of the body. */
  readonly latencyMs: number;
}

/**
 * The exchange failed at the connection level (refused, reset, closed socket, DNS, TLS): what contract §1.5 calls
 * a connection error, which `retry` may repeat.
 */
export class TransportError extends Error {
  readonly code: string;
  constructor(url: string, code: string, detail: string) {
    super(`${code} from ${url}: ${detail}`);
    this.name = 'TransportError';
    this.code = code;
  }
}

/** The server did not answer within the timeout. Never retried (contract §1.5: read timeouts are not caught). */
export class ReadTimeoutError extends Error {
  constructor(url: string, seconds: number) {
    super(`no complete answer from ${url} within ${seconds} s (the request's timeout)`);
    this.name = 'ReadTimeoutError';
  }
}

/**
 * A fresh dispatcher per request, as Python's requests.get opens a fresh connection per call: a worker or gateway
 * restart then never surfaces as a reset of a pooled keep-alive socket.
 */
function dispatcherFor(request: HttpRequest): Dispatcher {
  const tls = { rejectUnauthorized: request.verifySsl };
  const proxy = request.proxy;
  if (proxy?.httpProxy || proxy?.httpsProxy) {
    return new EnvHttpProxyAgent({ ...proxy, connect: tls, requestTls: tls });
  }
  return new Agent({ connect: tls });
}

/** The innermost error code of a fetch failure (undici wraps socket errors in TypeError('fetch failed')). */
function causeOf(error: unknown): { code: string; detail: string } | undefined {
  let current: unknown = error;
  let found: { code: string; detail: string } | undefined;
  let innermost: Error | undefined;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    innermost = current;
    const code = (current as { code?: unknown }).code;
    // Node's ERR_* codes are usage errors (an invalid URL), except TLS ones, which requests counts as connection errors.
    const usage = typeof code === 'string' && /^ERR_(?!TLS_|SSL_)/.test(code);
    if (typeof code === 'string' && !usage) found = { code, detail: current.message };
    if (usage) return undefined;
    current = (current as { cause?: unknown }).cause;
  }
  if (found) return found;
  // fetch refuses the ports the Fetch standard blocks (1, 6000, 6665-6669, …) before connecting: say so, or the
  // user sees only "fetch failed" for a port that is open.
  if (innermost?.message === 'bad port')
    return {
      code: 'BLOCKED_PORT',
      detail: 'fetch refuses this port (a port the Fetch standard blocks); use another',
    };
  if (error instanceof TypeError && /fetch failed|terminated|other side closed/i.test(error.message)) {
    return { code: 'SOCKET_CLOSED', detail: error.message };
  }
  return undefined;
}

/** The body's first MAX_BODY_BYTES as text; the rest only counted and hashed. */
async function readBounded(
  body: ReadableStream<Uint8Array> | null,
): Promise<{ text: string; cut: CutBody | undefined }> {
  if (body === null) return { text: '', cut: undefined };
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  let totalBytes = 0;
  const hash = createHash('sha256');
  for await (const chunk of body) {
    totalBytes += chunk.length;
    hash.update(chunk);
    if (keptBytes < MAX_BODY_BYTES) {
      const part = chunk.subarray(0, MAX_BODY_BYTES - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
  }
  // A cut inside a multi-byte character decodes to U+FFFD: the kept text stays valid.
  const text = Buffer.concat(kept).toString('utf8');
  if (totalBytes <= MAX_BODY_BYTES) return { text, cut: undefined };
  return { text, cut: { totalBytes, sha256: hash.digest('hex') } };
}

/**
 * Sends one request, without following redirects; throws TransportError, ReadTimeoutError, or the run signal's
 * reason.
 */
export async function sendHttp(request: HttpRequest): Promise<HttpResponse> {
  const timer = new AbortController();
  const signals = [timer.signal, ...(request.signal ? [request.signal] : [])];
  const handle =
    request.timeoutSeconds === undefined
      ? undefined
      : setTimeout(() => timer.abort(), Math.max(0, request.timeoutSeconds * 1000));
  const dispatcher = dispatcherFor(request);
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { ...request.headers },
      // Bytes, not a string: a string body would get a text/plain content type that requests never sends.
      body: request.body === undefined ? undefined : Buffer.from(request.body),
      dispatcher,
      // A 3xx is the answer: following it would send the request's credentials (x-api-key, the bearer token, a
      // login body) to whatever address the server names. ESB's gateway never redirects (shared/golden).
      redirect: 'manual',
      signal: AbortSignal.any(signals),
    });
    const { text, cut } = await readBounded(response.body);
    const latencyMs = performance.now() - started;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, text, latencyMs, ...(cut === undefined ? {} : { cut }) };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timer.signal.aborted) throw new ReadTimeoutError(request.url, request.timeoutSeconds ?? 0);
    const cause = causeOf(error);
    if (cause) throw new TransportError(request.url, cause.code, cause.detail);
    throw error;
  } finally {
    if (handle) clearTimeout(handle);
    // The exchange is over (or failed); close its connection now instead of leaving it to keep-alive.
    void dispatcher.destroy().catch(() => undefined);
  }
}

/**
 * For a 3xx answer, what the user needs beside its status: where it pointed, and that it was not followed.
 * Empty for any other status.
 */
export function redirectNote(response: Pick<HttpResponse, 'status' | 'headers'>): string {
  if (response.status < 300 || response.status > 399) return '';
  const location = response.headers.location;
  const target = location === undefined ? 'without a Location header' : `to ${location}`;
  return `a redirect ${target}, not followed (esb-e2e never follows redirects: the request's credentials would go along)`;
}

/** For a body longer than MAX_BODY_BYTES, what was kept of it and what it was; empty otherwise. */
export function cutNote(response: Pick<HttpResponse, 'cut'>): string {
  if (response.cut === undefined) return '';
  const { totalBytes, sha256 } = response.cut;
  return `the body was ${totalBytes} bytes (sha256 ${sha256}); only its first ${MAX_BODY_BYTES} bytes were kept for the checks`;
}
