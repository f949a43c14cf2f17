import { createHash } from 'node:crypto';
import { Agent, buildConnector, type Dispatcher, EnvHttpProxyAgent, fetch } from 'undici';
import type { ProxySettings } from '../config/proxy.ts';
import {
  classifyTransportFailure,
  type ExchangePhase,
  type TransportFailure,
  type TransportKind,
} from './transport-failure.ts';

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
 * The exchange failed below HTTP (refused, reset, closed, TLS, not HTTP/1.1, DNS; transport-failure.ts gives the
 * kinds): what contract §1.5 calls a connection error, which `retry` may repeat.
 */
export class TransportError extends Error {
  readonly kind: TransportKind;
  readonly code: string;
  /** The failure without the URL, for messages that name the URL themselves. */
  readonly what: string;
  readonly hint: string | undefined;
  constructor(url: string, failure: TransportFailure) {
    super(`${failure.what}, from ${url}${failure.hint === undefined ? '' : `: ${failure.hint}`}`);
    this.name = 'TransportError';
    this.kind = failure.kind;
    this.code = failure.code;
    this.what = failure.what;
    this.hint = failure.hint;
  }
}

/**
 * The server did not answer completely within the request's timeout. Never retried (contract §1.5: read timeouts
 * are not caught). The message says how far the exchange got: not connected, no headers, or a body that stalled.
 */
export class ReadTimeoutError extends Error {
  /** The failure without the URL, for messages that name the URL themselves. */
  readonly what: string;
  constructor(url: string, seconds: number, phase: ExchangePhase = { at: 'headers' }) {
    const what =
      phase.at === 'connecting'
        ? `no connection within ${seconds} s (the TCP connect or TLS handshake did not finish; the request's timeout)`
        : phase.at === 'headers'
          ? `connected, but no response headers within ${seconds} s (the request's timeout)`
          : `the headers came (status ${phase.status}), but the body did not end within ${seconds} s (${phase.bytes} bytes read; the request's timeout)`;
    super(`${what}, from ${url}`);
    this.name = 'ReadTimeoutError';
    this.what = what;
  }
}

/**
 * A fresh dispatcher per request, as Python's requests.get opens a fresh connection per call: a worker or gateway
 * restart then never surfaces as a reset of a pooled keep-alive socket. Without a proxy, `onConnected` is called
 * once the connection (and its TLS handshake) is up, so a failure can say whether it came before or after.
 */
function dispatcherFor(request: HttpRequest, onConnected: () => void): Dispatcher {
  const tls = { rejectUnauthorized: request.verifySsl };
  const proxy = request.proxy;
  if (proxy?.httpProxy || proxy?.httpsProxy) {
    return new EnvHttpProxyAgent({ ...proxy, connect: tls, requestTls: tls });
  }
  const connector = buildConnector(tls);
  return new Agent({
    connect: (options, callback) =>
      connector(options, (...result) => {
        if (result[0] === null) onConnected();
        callback(...result);
      }),
  });
}

/** The body's first MAX_BODY_BYTES as text; the rest only counted and hashed. */
async function readBounded(
  body: ReadableStream<Uint8Array> | null,
  onBytes: (total: number) => void,
): Promise<{ text: string; cut: CutBody | undefined }> {
  if (body === null) return { text: '', cut: undefined };
  const kept: Uint8Array[] = [];
  let keptBytes = 0;
  let totalBytes = 0;
  const hash = createHash('sha256');
  for await (const chunk of body) {
    totalBytes += chunk.length;
    onBytes(totalBytes);
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
  const viaProxy = Boolean(request.proxy?.httpProxy || request.proxy?.httpsProxy);
  // Through a proxy the connection to the server is the proxy's business: the phase starts at the headers.
  let phase: ExchangePhase = viaProxy ? { at: 'headers' } : { at: 'connecting' };
  const dispatcher = dispatcherFor(request, () => {
    phase = { at: 'headers' };
  });
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
    const status = response.status;
    phase = { at: 'body', status, bytes: 0 };
    const { text, cut } = await readBounded(response.body, (bytes) => {
      phase = { at: 'body', status, bytes };
    });
    const latencyMs = performance.now() - started;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status, headers, text, latencyMs, ...(cut === undefined ? {} : { cut }) };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timer.signal.aborted) throw new ReadTimeoutError(request.url, request.timeoutSeconds ?? 0, phase);
    const failure = classifyTransportFailure(error, request.url, phase);
    if (failure) throw new TransportError(request.url, failure);
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
