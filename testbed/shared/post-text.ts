import type { Agent as HttpAgent, IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { request as httpsRequest } from 'node:https';

/** What a POST got back: status, headers and the body as text. */
export interface PostAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface PostOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** A connection pool (e.g. one with TLS verification off); default: node's global agent. */
  readonly agent?: HttpAgent | HttpsAgent;
}

/**
 * POSTs a text body and resolves once the answer is read; rejects on a network error or after `timeoutMs`.
 * Workers make their HTTP calls (log shipping, Invoke API) through this rather than `fetch` or undici: their first
 * request compiles a WebAssembly HTTP parser, about 0.2 CPU seconds in every short-lived worker, where node:http
 * parses natively.
 */
export async function postText(url: string, body: string, options: PostOptions): Promise<PostAnswer> {
  try {
    return await postOnce(url, body, options);
  } catch (error) {
    // A kept-alive connection the server closed as idle just as this request went out: the server never read
    // it, so it is sent again once, on a new connection (node's documented remedy, request.reusedSocket). Seen
    // as "socket hang up" on chain invokes of a loaded machine, where the gateway's 5 s idle close and the
    // worker's reuse of the connection meet.
    if (!(error instanceof ReusedSocketReset)) throw error;
    return postOnce(url, body, options);
  }
}

/** A reset on a reused keep-alive connection before any answer came. */
class ReusedSocketReset extends Error {}

function postOnce(url: string, body: string, options: PostOptions): Promise<PostAnswer> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  const { headers, timeoutMs, agent } = options;
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = request(
      url,
      { method: 'POST', headers, timeout: timeoutMs, ...(agent === undefined ? {} : { agent }) },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', reject);
        response.once('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.once('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      const reset = error.code === 'ECONNRESET' && outgoing.reusedSocket && !answered;
      reject(reset ? new ReusedSocketReset(error.message, { cause: error }) : error);
    });
    outgoing.end(body);
  });
}
