import { createHash, type Hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Transform } from 'node:stream';
import zlib, { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Agent, Dispatcher, EnvHttpProxyAgent } from 'undici';
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
 * How long a connection may sit idle before it is closed. Connections are kept for the next request (a new one
 * per request cost more than the rest of a simple case), but not longer than this: well under the keep-alive of
 * any server we know (ESB's gateway: 5 s; node's default: 5 s), so that the server never closes a connection
 * just as a request is sent on it, and a service restarted by a hook (which takes longer than this) is met on a
 * new connection. A server that announces a shorter keep-alive (Keep-Alive: timeout=N) is believed, less 1 s.
 */
export const IDLE_CONNECTION_MS = 1_000;

/**
 * Headers every request carries unless the step sets them, as the contract's reference client (Python's
 * requests) sends them: any type, the encodings the client decodes (decodedBody), and a name of its own.
 */
const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
  accept: '*/*',
  'accept-encoding': 'gzip, deflate',
  'user-agent': 'esb-e2e',
};

/**
 * undici's Agent, loaded from its own file: the package's index loads fetch, WebSocket, caches and more, 0.1 s of
 * every case process's start for classes a pool never uses (the version is pinned: the path is its layout). The
 * proxy agent comes from the index, only when a proxy is set: it tunnels with the `connect` API the index adds.
 */
const requireFromHere = createRequire(import.meta.url);
const agentClass = () => requireFromHere('undici/lib/dispatcher/agent.js') as typeof Agent;
const proxyAgentClass = () =>
  (requireFromHere('undici') as { EnvHttpProxyAgent: typeof EnvHttpProxyAgent }).EnvHttpProxyAgent;

/** The process's connection pools, one per TLS verification and proxy setting. */
const pools = new Map<string, Dispatcher>();

/** The pool of connections for requests with these settings, made on first use and kept for the process. */
function poolFor(request: HttpRequest, viaProxy: boolean): Dispatcher {
  const key = JSON.stringify([request.verifySsl, viaProxy ? request.proxy : undefined]);
  let pool = pools.get(key);
  if (pool === undefined) {
    const tls = { rejectUnauthorized: request.verifySsl };
    const idle = { keepAliveTimeout: IDLE_CONNECTION_MS, keepAliveMaxTimeout: IDLE_CONNECTION_MS };
    const ProxyAgent = viaProxy ? proxyAgentClass() : undefined;
    pool =
      ProxyAgent === undefined
        ? new (agentClass())({ connect: tls, ...idle })
        : new ProxyAgent({ ...request.proxy, connect: tls, requestTls: tls, ...idle });
    pools.set(key, pool);
  }
  return pool;
}

/** The request's headers over the defaults, names compared without case. */
function headersToSend(headers: Readonly<Record<string, string>>): Record<string, string> {
  const given = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(DEFAULT_HEADERS)) if (!given.has(name)) out[name] = value;
  return Object.assign(out, headers);
}

/** Response headers as one string each (a repeated header joined with ", "), names lower-cased by undici. */
function joinedHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** The first MAX_BODY_BYTES of a body as it arrives; the rest only counted and hashed. */
class BoundedBody {
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  totalBytes = 0;
  // Made only for a body that outgrows MAX_BODY_BYTES: the digest names a body that was cut.
  private hash: Hash | undefined;
  add(chunk: Buffer): void {
    this.totalBytes += chunk.length;
    if (this.totalBytes > MAX_BODY_BYTES) {
      if (this.hash === undefined) {
        this.hash = createHash('sha256');
        // Until this chunk the body fitted: every byte before it was kept.
        for (const earlier of this.kept) this.hash.update(earlier);
      }
      this.hash.update(chunk);
    }
    if (this.keptBytes < MAX_BODY_BYTES) {
      const part = chunk.subarray(0, MAX_BODY_BYTES - this.keptBytes);
      this.kept.push(part);
      this.keptBytes += part.length;
    }
  }
  result(): { text: string; cut: CutBody | undefined } {
    // A cut inside a multi-byte character decodes to U+FFFD: the kept text stays valid.
    const text =
      this.kept.length === 1
        ? (this.kept[0] as Buffer).toString('utf8')
        : Buffer.concat(this.kept).toString('utf8');
    if (this.hash === undefined) return { text, cut: undefined };
    return { text, cut: { totalBytes: this.totalBytes, sha256: this.hash.digest('hex') } };
  }
}

/**
 * The decoders a Content-Encoding asks for, in the order they undo it (the last coding applied first), as
 * fetch and requests decode: gzip, deflate (with or without its zlib header) and br; an unknown coding leaves
 * the body as it came.
 */
function decodersFor(method: string, status: number, contentEncoding: string | undefined): Transform[] {
  if (contentEncoding === undefined || method === 'HEAD' || [204, 205, 304].includes(status)) return [];
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  const decoders: Transform[] = [];
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip')
      decoders.push(createGunzip({ flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH }));
    else if (coding === 'deflate') decoders.push(new DeflateDecoder());
    else if (coding === 'br') decoders.push(createBrotliDecompress());
    else return [];
  }
  return decoders;
}

/**
 * A whole body as the runner reads it: decoded as sendHttp decodes it (decodersFor). For the mutating proxy, which
 * must change what the runner will read.
 */
export async function decodedBody(
  method: string,
  status: number,
  contentEncoding: string | undefined,
  body: Buffer,
): Promise<Buffer> {
  const decoders = decodersFor(method, status, contentEncoding);
  if (decoders.length === 0) return body;
  const output = decoders.slice(1).reduce<Transform>((from, to) => from.pipe(to), decoders[0] as Transform);
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    output.once('end', resolve);
    for (const decoder of decoders) decoder.once('error', reject);
  });
  (decoders[0] as Transform).end(body);
  await done;
  return Buffer.concat(chunks);
}

/** deflate as servers send it: with a zlib header (RFC 1950) or raw (RFC 1951), told apart by the first byte. */
class DeflateDecoder extends Transform {
  private inner: Transform | undefined;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.inner === undefined) {
      const inner = ((chunk[0] ?? 0) & 0x0f) === 0x08 ? createInflate() : createInflateRaw();
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('error', (error: Error) => this.destroy(error));
      this.inner = inner;
    }
    this.inner.write(chunk, done);
  }
  override _flush(done: (error?: Error | null) => void): void {
    if (this.inner === undefined) {
      done();
      return;
    }
    this.inner.once('end', () => done());
    this.inner.end();
  }
}

/**
 * Sends one request on the process's connection pool, without following redirects; throws TransportError,
 * ReadTimeoutError, or the run signal's reason. undici's dispatch API, not fetch: a case is one or two small
 * exchanges, and fetch's web streams, Request and Response objects cost several times the exchange itself.
 */
export function sendHttp(request: HttpRequest): Promise<HttpResponse> {
  const viaProxy = Boolean(request.proxy?.httpProxy || request.proxy?.httpsProxy);
  let url: URL;
  try {
    url = new URL(request.url);
  } catch (error) {
    return Promise.reject(error);
  }
  // Never sent as Basic authentication behind the user's back, nor silently dropped: refused, as fetch refuses it
  // (the message leaves the URL out; it holds the password).
  if (url.username !== '' || url.password !== '')
    return Promise.reject(
      new TypeError('Request cannot be constructed from a URL that includes credentials'),
    );
  return new Promise<HttpResponse>((resolve, reject) => {
    // Through a proxy the connection to the server is the proxy's business: the phase starts at the headers.
    let phase: ExchangePhase = viaProxy ? { at: 'headers' } : { at: 'connecting' };
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let headers: Record<string, string> = {};
    const body = new BoundedBody();
    let decoding: { readonly input: Transform; readonly done: Promise<void> } | undefined;
    const started = performance.now();
    const finish = (error: unknown, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      if (handle) clearTimeout(handle);
      request.signal?.removeEventListener('abort', onAbort);
      if (response !== undefined) return resolve(response);
      reject(error);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      if (request.signal?.aborted) return finish(request.signal.reason);
      if (timedOut) return finish(new ReadTimeoutError(request.url, request.timeoutSeconds ?? 0, phase));
      const failure = classifyTransportFailure(error, request.url, phase);
      finish(failure === undefined ? error : new TransportError(request.url, failure));
    };
    // Stops the exchange: the connection is closed by undici, the promise settles now, even while connecting.
    const stop = (reason: Error) => {
      controller?.abort(reason);
      fail(reason);
    };
    let timedOut = false;
    const handle =
      request.timeoutSeconds === undefined
        ? undefined
        : setTimeout(
            () => {
              timedOut = true;
              stop(new Error('the request timed out'));
            },
            Math.max(0, request.timeoutSeconds * 1000),
          );
    const onAbort = () => stop(new Error('the run was cancelled'));
    if (request.signal?.aborted) return finish(request.signal.reason);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const complete = () => {
      const { text, cut } = body.result();
      const latencyMs = performance.now() - started;
      finish(undefined, { status, headers, text, latencyMs, ...(cut === undefined ? {} : { cut }) });
    };
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(exchange) {
        controller = exchange;
        // A stop that came while connecting: the request goes no further.
        if (settled) return exchange.abort(new Error('the exchange was stopped'));
        if (phase.at === 'connecting') phase = { at: 'headers' };
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        // 1xx answers (100 Continue, 103 Early Hints) precede the real one.
        if (statusCode < 200) return;
        status = statusCode;
        headers = joinedHeaders(responseHeaders);
        phase = { at: 'body', status, bytes: 0 };
        const decoders = decodersFor(request.method, statusCode, headers['content-encoding']);
        if (decoders.length > 0) {
          const output = decoders
            .slice(1)
            .reduce<Transform>((from, to) => from.pipe(to), decoders[0] as Transform);
          output.on('data', (chunk: Buffer) => body.add(chunk));
          const input = decoders[0] as Transform;
          decoding = {
            input,
            done: new Promise<void>((done, failed) => {
              output.once('end', done);
              for (const decoder of decoders) decoder.once('error', failed);
            }),
          };
        }
      },
      onResponseData(_controller, chunk) {
        if (settled) return;
        phase = { at: 'body', status, bytes: (phase.at === 'body' ? phase.bytes : 0) + chunk.length };
        if (decoding !== undefined) decoding.input.write(chunk);
        else body.add(chunk);
      },
      onResponseEnd() {
        if (decoding === undefined) return complete();
        decoding.done.then(complete, (error: unknown) => fail(error));
        decoding.input.end();
      },
      onResponseError(_controller, error) {
        fail(error);
      },
    };
    try {
      poolFor(request, viaProxy).dispatch(
        {
          origin: url.origin,
          // `/x?` keeps its empty query, as it was written.
          path: `${url.pathname}${url.search === '' && url.href.endsWith('?') ? '?' : url.search}`,
          method: request.method,
          headers: headersToSend(request.headers),
          // Bytes, not a string: undici would send a string the same way, but a Buffer says what goes out.
          body: request.body === undefined ? null : Buffer.from(request.body),
        },
        handler,
      );
    } catch (error) {
      fail(error);
    }
  });
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
