import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/project-copy.ts';

/**
 * One exchange recorded from the real ESB gateway (../shared/golden/README.md gives the format): the request as
 * sent, with placeholders for the secrets, and the response with placeholders for what varies per run.
 */
export interface GoldenLine {
  readonly name: string;
  readonly why?: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: unknown;
    readonly body_text?: string;
    readonly body_b64?: string;
    readonly jwt?: { readonly alg: string; readonly key: string; readonly claims: Record<string, unknown> };
  };
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: unknown;
    readonly body_kind?: 'json' | 'text';
    readonly body_bytes?: number;
    readonly body_sha256?: string;
  };
  readonly timing: { readonly pre_sleep_s?: number };
  /** `gateway-only`, or the stand-ins of the recording the answer also depends on (agent, worker, moto, sink). */
  readonly depends_on: readonly string[];
  readonly group?: string;
  readonly sequence_dependent?: string | boolean;
  readonly unstable_paths?: readonly string[];
}

/** The recordings: `seed` (aeec2c8, the catalogue's revision) and `head` (5694369). */
export function goldenLines(revision: 'seed' | 'head' = 'seed'): GoldenLine[] {
  const file = join(REPO_ROOT, '..', 'shared', 'golden', `gateway-${revision}.jsonl`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GoldenLine);
}

/** The secrets a request's placeholders stand for. */
export interface GoldenSecrets {
  readonly X_API_KEY: string;
  readonly AUTH_USER: string;
  readonly AUTH_PASS: string;
  readonly JWT_SECRET: string;
  /** The login's IdToken, once logged in. */
  readonly TOKEN?: string;
}

/** `${NAME}` in a string of the recording, filled in. */
export function fillIn(text: string, secrets: GoldenSecrets & { JWT?: string }): string {
  return text.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => {
    const value = (secrets as unknown as Record<string, string | undefined>)[name];
    return value ?? whole;
  });
}

function fillInValue(value: unknown, secrets: GoldenSecrets): unknown {
  if (typeof value === 'string') return fillIn(value, secrets);
  if (Array.isArray(value)) return value.map((v) => fillInValue(v, secrets));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillInValue(v, secrets)]));
  return value;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The token a line's `jwt` recipe describes: its algorithm and key, claims `now±N` relative to now. */
export function mintJwt(recipe: NonNullable<GoldenLine['request']['jwt']>, secrets: GoldenSecrets): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = Object.fromEntries(
    Object.entries(fillInValue(recipe.claims, secrets) as Record<string, unknown>).map(([k, v]) => {
      const relative = typeof v === 'string' ? /^now([+-]\d+)$/.exec(v) : null;
      return [k, relative ? now + Number(relative[1]) : v];
    }),
  );
  const header = base64url(JSON.stringify({ alg: recipe.alg, typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  if (recipe.alg === 'none') return `${header}.${payload}.`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[recipe.alg];
  if (hash === undefined) throw new Error(`a jwt recipe with alg ${recipe.alg}: not supported`);
  const key = fillIn(recipe.key, secrets);
  const signature = createHmac(hash, key).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${base64url(signature)}`;
}

/** The request of a line as bytes to send: placeholders filled in, a minted token where it asks for one. */
export function requestOf(
  line: GoldenLine,
  secrets: GoldenSecrets,
): { method: string; path: string; headers: Record<string, string>; body: Buffer | undefined } {
  const jwt = line.request.jwt === undefined ? undefined : mintJwt(line.request.jwt, secrets);
  const all = { ...secrets, ...(jwt === undefined ? {} : { JWT: jwt }) };
  const headers = Object.fromEntries(
    Object.entries(line.request.headers).map(([k, v]) => [k, fillIn(v, all)]),
  );
  const { body, body_text, body_b64 } = line.request;
  const bytes =
    body_b64 !== undefined
      ? Buffer.from(body_b64, 'base64')
      : body_text !== undefined
        ? Buffer.from(fillIn(body_text, all))
        : body !== undefined
          ? Buffer.from(JSON.stringify(fillInValue(body, all)))
          : undefined;
  return { method: line.request.method, path: fillIn(line.request.path, all), headers, body: bytes };
}
