import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Answer, answerDifferences } from './golden-compare.ts';
import { type GoldenLine, type GoldenSecrets, requestOf } from './golden-lines.ts';

export interface LineResult {
  readonly line: GoldenLine;
  /** Empty when the answer matched the recording. */
  readonly differences: readonly string[];
}

/** Bytes over HTTPS without verifying the self-signed certificate, no redirect followed, no retry. */
function send(gatewayUrl: string, req: ReturnType<typeof requestOf>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(req.path, gatewayUrl);
    const outgoing = httpsRequest(
      url,
      {
        method: req.method,
        headers: {
          ...req.headers,
          ...(req.body === undefined ? {} : { 'content-length': String(req.body.length) }),
        },
        rejectUnauthorized: false,
        agent: false,
        timeout: 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (value !== undefined)
              headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 60 s')));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

async function replayOne(line: GoldenLine, gatewayUrl: string, secrets: GoldenSecrets): Promise<LineResult> {
  try {
    const answer = await send(gatewayUrl, requestOf(line, secrets));
    return { line, differences: answerDifferences(line, answer, secrets) };
  } catch (error) {
    return { line, differences: [`no answer: ${(error as Error).message}`] };
  }
}

/** Logs in as the recording did before its authenticated lines, for ${TOKEN}. */
async function login(gatewayUrl: string, secrets: GoldenSecrets): Promise<string> {
  const answer = await send(gatewayUrl, {
    method: 'POST',
    path: '/user/auth/v1',
    headers: { 'x-api-key': secrets.X_API_KEY, 'content-type': 'application/json' },
    body: Buffer.from(
      JSON.stringify({ AuthParameters: { USERNAME: secrets.AUTH_USER, PASSWORD: secrets.AUTH_PASS } }),
    ),
  });
  const token = (JSON.parse(answer.text) as { AuthenticationResult?: { IdToken?: string } })
    .AuthenticationResult?.IdToken;
  if (token === undefined) throw new Error(`the login answered ${answer.status} ${answer.text}`);
  return token;
}

/**
 * Replays recorded lines against a gateway, as the recording sent them: in file order, each line's `pre_sleep_s`
 * first, the lines of a concurrent group (`scaling-burst`) all at once; then compares every answer.
 */
export async function replayGolden(
  lines: readonly GoldenLine[],
  gatewayUrl: string,
  credentials: Omit<GoldenSecrets, 'TOKEN'>,
): Promise<LineResult[]> {
  const secrets: GoldenSecrets = { ...credentials, TOKEN: await login(gatewayUrl, credentials) };
  const results: LineResult[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as GoldenLine;
    if (line.timing.pre_sleep_s !== undefined) await sleep(line.timing.pre_sleep_s * 1000);
    if (line.group === 'scaling-burst') {
      let end = i;
      while (end < lines.length && lines[end]?.group === line.group) end++;
      const burst = lines.slice(i, end);
      results.push(...(await Promise.all(burst.map((l) => replayOne(l, gatewayUrl, secrets)))));
      i = end - 1;
      continue;
    }
    results.push(await replayOne(line, gatewayUrl, secrets));
  }
  return results;
}
