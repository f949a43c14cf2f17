import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { decodedBody } from '../exec/http-client.ts';
import { applyMutation, type Mutation, type RecordedResponse } from './mutations.ts';

/** One request the proxy passed on, and the platform's answer to it (its body decoded). */
export interface ProxiedExchange {
  readonly method: string;
  /** Path and query, as the runner asked for them. */
  readonly path: string;
  readonly response: RecordedResponse;
}

/**
 * Which answer to make wrong, and how: the `index`-th response since the last reset, and every later answer to
 * the request that answer was for (`GET /path?query` as sent in this run, not as recorded: a query holding a
 * run's own trace root or stream differs from run to run), where the change still applies. A platform that is
 * wrong stays wrong: a retry or a poll round must not be answered right again and hide the change.
 */
export interface ActiveMutation {
  readonly index: number;
  readonly mutation: Mutation;
}

/** Headers of one hop only, which a proxy neither passes on nor sends back. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
]);

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

/** The answer with the mutation applied, or undefined where it does not apply (a later answer without that field). */
function applicableMutation(response: RecordedResponse, mutation: Mutation): RecordedResponse | undefined {
  try {
    return applyMutation(response, mutation);
  } catch {
    return undefined;
  }
}

/**
 * A reverse proxy on 127.0.0.1 in front of one endpoint of the platform (the gateway, VictoriaLogs, the agent's
 * metrics): every request goes, unchanged, to that endpoint and nowhere else; its answers are recorded, and the
 * one `arm` names comes back wrong. It holds no connection once closed.
 */
export class MutatingProxy {
  private readonly recorded: ProxiedExchange[] = [];
  private active: ActiveMutation | undefined;
  /** The request the index-th answer was for, once it came: its later answers stay wrong. */
  private wrongRequest: string | undefined;
  private applied = false;

  private constructor(
    private readonly server: Server,
    private readonly upstream: URL,
    private readonly agent: Agent,
  ) {}

  /** Starts a proxy for `upstream` (an origin such as https://127.0.0.1:20100); `verifySsl` as the runner's. */
  static async start(upstream: string, verifySsl: boolean): Promise<MutatingProxy> {
    const agent = new Agent({ connect: { rejectUnauthorized: verifySsl }, keepAliveTimeout: 1000 });
    let proxy: MutatingProxy | undefined;
    const server = createServer((req, res) => {
      void proxy?.forward(req, res);
    });
    proxy = new MutatingProxy(server, new URL(upstream), agent);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  /** The proxy's origin, for the runner's client environment. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The exchanges since the last reset, in the order their answers came. */
  get exchanges(): readonly ProxiedExchange[] {
    return this.recorded;
  }

  /** Whether the armed mutation was served (its response came) since the last reset. */
  get mutationServed(): boolean {
    return this.applied;
  }

  /** Forgets the exchanges so far; with `active`, the index-th answer from now on comes back mutated. */
  reset(active?: ActiveMutation): void {
    this.recorded.length = 0;
    this.active = active;
    this.wrongRequest = undefined;
    this.applied = false;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.agent.close();
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      headers.host = this.upstream.host;
      const path = req.url ?? '/';
      const answer = await request(new URL(path, this.upstream), {
        method: (req.method ?? 'GET') as 'GET',
        headers,
        ...(body.length > 0 ? { body } : {}),
        dispatcher: this.agent,
      });
      const raw = Buffer.from(await answer.body.arrayBuffer());
      const answerHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name))
          answerHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
      const encoding = answerHeaders['content-encoding'];
      // Decoded as the runner decodes it: a mutation changes what the case reads.
      const text = (await decodedBody(req.method ?? 'GET', answer.statusCode, encoding, raw)).toString(
        'utf8',
      );
      const response: RecordedResponse = { status: answer.statusCode, headers: answerHeaders, body: text };
      const index = this.recorded.length;
      this.recorded.push({ method: req.method ?? 'GET', path, response });
      const active = this.active;
      const asked = `${req.method ?? 'GET'} ${path}`;
      if (active?.index === index) this.wrongRequest = asked;
      const wrong =
        active !== undefined &&
        (active.index === index || (active.index < index && this.wrongRequest === asked))
          ? applicableMutation(response, active.mutation)
          : undefined;
      if (wrong !== undefined) {
        this.applied = true;
        const { 'content-encoding': _dropped, ...plain } = wrong.headers;
        res.writeHead(wrong.status, plain).end(wrong.body);
        return;
      }
      res.writeHead(answer.statusCode, answerHeaders).end(raw);
    } catch (error) {
      // The platform did not answer: the runner sees what it would have seen, a broken connection.
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
