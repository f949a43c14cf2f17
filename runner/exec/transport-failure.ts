import { escapeControls } from '../../language/text/control-characters.ts';

/**
 * How far an exchange got when it failed: the wording of a failure depends on it (a reset before any answer is
 * another problem than a reset in the middle of a body).
 */
export type ExchangePhase =
  | { readonly at: 'connecting' }
  | { readonly at: 'headers' }
  | { readonly at: 'body'; readonly status: number; readonly bytes: number };

/**
 * What went wrong below HTTP, one kind per thing a user would do differently about it:
 * - refused, dns: nothing to talk to (start the server, fix the host);
 * - reset, closed: the server hung up (it crashed, or it is not what the URL says);
 * - tls-mismatch: https:// to a port that speaks plain HTTP, or http:// to one that speaks TLS;
 * - certificate: TLS works but the certificate was rejected (VERIFY_SSL);
 * - protocol: the server answered, but not in HTTP/1.1 (a bad chunk, HTTP/0.9, a garbled status line);
 * - timeout: undici's own connect, headers or body timeout (the request's own timeout is ReadTimeoutError);
 * - other: a socket error code none of the above covers.
 */
export type TransportKind =
  | 'refused'
  | 'dns'
  | 'reset'
  | 'closed'
  | 'tls-mismatch'
  | 'certificate'
  | 'protocol'
  | 'timeout'
  | 'other';

export interface TransportFailure {
  readonly kind: TransportKind;
  /** The innermost error code (ECONNREFUSED, UND_ERR_SOCKET, ERR_SSL_WRONG_VERSION_NUMBER, HTTP_PARSE, …). */
  readonly code: string;
  /** What happened, in the user's terms, with the code. */
  readonly what: string;
  /** What to try, when the kind suggests something (https:// against http://, VERIFY_SSL). */
  readonly hint?: string;
}

/** TLS codes that mean the other side does not speak TLS at all (a plain HTTP port). */
const NOT_TLS =
  /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|RECORD_LAYER_FAILURE|UNKNOWN_PROTOCOL|HTTP_REQUEST/;

/** Certificate verification codes of Node's TLS (OpenSSL's X509 names and Node's own). */
const CERTIFICATE =
  /CERT|SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY|ALTNAME|HOSTNAME_MISMATCH|CERTIFICATE|SIGNATURE_FAILURE/;

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly name?: unknown;
  readonly data?: unknown;
  readonly cause?: unknown;
}

/** The chain of causes, outermost first (an error may wrap the socket's error as its cause). */
function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

/** The first bytes a server sent, quoted safely for a message. */
function firstBytes(data: string): string {
  const cut = data.length > 40 ? `${data.slice(0, 40)}…` : data;
  return `'${escapeControls(cut)}'`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function afterPhase(phase: ExchangePhase): string {
  if (phase.at === 'body')
    return ` in the middle of the body (status ${phase.status}, ${phase.bytes} bytes read)`;
  if (phase.at === 'headers') return ' before answering';
  return ' while connecting';
}

/**
 * Classifies a failed exchange. Undefined when the error is not a transport failure (a usage error such as an
 * invalid URL, or an abort).
 */
export function classifyTransportFailure(
  error: unknown,
  url: string,
  phase: ExchangePhase,
): TransportFailure | undefined {
  const chain = causes(error);
  const https = url.startsWith('https:');
  for (const link of chain.slice().reverse()) {
    const code = typeof link.code === 'string' ? link.code : undefined;
    const message = typeof link.message === 'string' ? link.message : '';
    if (link.name === 'HTTPParserError') {
      const data = typeof link.data === 'string' ? link.data : '';
      const reason = /\((.*)\)$/.exec(message)?.[1] ?? message;
      // A TLS record (handshake 0x16 or alert 0x15, version 3.x) where HTTP was expected.
      const [first, second] = [data.charCodeAt(0), data.charCodeAt(1)];
      if ((first === 0x15 || first === 0x16) && second === 0x03)
        return {
          kind: 'tls-mismatch',
          code: 'HTTP_PARSE',
          what: 'the server answered in TLS, not plain HTTP',
          hint: `is this HTTPS? use https:// for ${hostOf(url)}`,
        };
      if (phase.at !== 'body' && /^Expected HTTP\//.test(reason))
        return {
          kind: 'protocol',
          code: 'HTTP_PARSE',
          what: `the server answered without an HTTP status line (HTTP/0.9, or not HTTP at all): its first bytes were ${firstBytes(data)}`,
        };
      return {
        kind: 'protocol',
        code: 'HTTP_PARSE',
        what: `the answer is not valid HTTP/1.1 (${reason})${phase.at === 'body' ? afterPhase(phase) : ''}${
          data === '' ? '' : `, at ${firstBytes(data)}`
        }`,
      };
    }
    if (code === undefined) continue;
    // Node's ERR_* codes are usage errors (an invalid URL, an invalid header), except the TLS ones; so are
    // undici's refusals of a request it was given (an invalid header value, an unsupported method).
    if (/^ERR_(?!TLS_|SSL_)/.test(code) || code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED')
      return undefined;
    if (code === 'ECONNREFUSED')
      return {
        kind: 'refused',
        code,
        what: `connection refused (${code}): nothing listens at ${hostOf(url)}`,
      };
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
      return {
        kind: 'dns',
        code,
        what: `host not found (${code}): ${new URL(url).hostname} does not resolve`,
      };
    if (NOT_TLS.test(code))
      return {
        kind: 'tls-mismatch',
        code,
        what: `TLS handshake failed (${code}): the port does not speak TLS`,
        hint: 'is this HTTPS? if the port serves plain HTTP, use http://',
      };
    if (CERTIFICATE.test(code))
      return {
        kind: 'certificate',
        code,
        what: `the server's TLS certificate was rejected (${code}: ${message})`,
        hint: "VERIFY_SSL=false accepts a self-signed certificate, as ESB's testbeds use",
      };
    if (code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code === 'EPROTO')
      return {
        kind: 'tls-mismatch',
        code,
        what: `TLS handshake failed (${code}): ${message.split('\n')[0]}`,
      };
    if (code === 'ECONNRESET' || code === 'EPIPE')
      return { kind: 'reset', code, what: `the server reset the connection${afterPhase(phase)} (${code})` };
    if (code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED')
      return {
        kind: 'closed',
        code,
        what: `the server closed the connection${afterPhase(phase)} (${code})`,
        ...(!https && phase.at === 'headers' ? { hint: 'if that port speaks TLS, use https://' } : {}),
      };
    if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')
      return {
        kind: 'protocol',
        code,
        what: `the body was shorter or longer than its content-length${afterPhase(phase)} (${code})`,
      };
    if (code === 'UND_ERR_CONNECT_TIMEOUT')
      return {
        kind: 'timeout',
        code,
        what: `no connection to ${hostOf(url)} within undici's connect timeout (${code})`,
      };
    if (code === 'UND_ERR_HEADERS_TIMEOUT')
      return { kind: 'timeout', code, what: `connected, but no response headers came in time (${code})` };
    if (code === 'UND_ERR_BODY_TIMEOUT')
      return { kind: 'timeout', code, what: `the body stopped arriving${afterPhase(phase)} (${code})` };
    return { kind: 'other', code, what: `${code}: ${message.split('\n')[0]}` };
  }
  return undefined;
}
