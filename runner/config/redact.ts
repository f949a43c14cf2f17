/** Environment variables whose values are secrets (docs/catalogue-steps.md "Secrets"). */
export const SECRET_VARIABLES = ['X_API_KEY', 'AUTH_PASS', 'RUSTFS_SECRET_KEY', 'JWT_SECRET_KEY'] as const;

/** Header names whose values are always hidden, whatever they hold. */
const SECRET_HEADERS = new Set(['authorization', 'x-api-key']);

export const REDACTED = '***';

/** The shortest start of a secret hidden before a truncation mark; two characters reveal nothing usable. */
const MIN_CUT_PREFIX = 3;

/**
 * Secrets shorter than this are hidden only where they stand alone (between characters that are not letters or
 * digits, or at an end): replacing every `e` of a one-character password would garble every message, file path
 * and case name. The run warns that such a secret is weak (weakSecretWarning).
 */
export const MIN_SECRET_LENGTH = 4;

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every form in which the runner or a server may write `secret`: as is, escaped, encoded, and combinations. */
function encodings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  return [
    secret,
    json,
    JSON.stringify(json).slice(1, -1), // a JSON string inside a JSON string
    url,
    url.replaceAll('%20', '+'), // a form body
    secret.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c),
    secret.replace(/[&<>"']/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`),
    Buffer.from(secret).toString('base64'),
  ];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Credentials a server hands out inside a URL, hidden wherever they appear: a presigned URL's SigV4 signature
 * (plain, or URL-encoded once inside another URL) lets anyone holding the URL fetch the object until it expires.
 */
const URL_CREDENTIALS = /(X-Amz-Signature(?:=|%3D))[0-9a-fA-F]{16,}/g;

/**
 * Replaces every known secret with ***, in every form encodings() lists. Built from the environment and told
 * about login tokens as they are issued; one instance serves a whole run so that a token of one file is hidden
 * in every other file's output.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  /** Short secrets, by the pattern that finds them where they stand alone (the only place they are hidden). */
  private readonly shortSecrets = new Map<string, RegExp>();

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Registers a secret in every form encodings() lists. */
  add(secret: string): void {
    if (secret.length === 0) return;
    for (const form of encodings(secret)) {
      if (form.length >= MIN_SECRET_LENGTH) this.secrets.add(form);
      else
        this.shortSecrets.set(
          form,
          new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(form)}(?![\\p{L}\\p{N}])`, 'gu'),
        );
    }
  }

  redact(text: string): string {
    let out = text.replace(URL_CREDENTIALS, `$1${REDACTED}`);
    // Longest first, so a secret that contains another is replaced whole.
    const secrets = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    for (const alone of this.shortSecrets.values()) out = out.replace(alone, REDACTED);
    // A message cut short (`…`, `...`) may end inside a secret; hide the start of the secret it shows.
    if (out.includes('…') || out.includes('...')) {
      for (const secret of secrets) {
        for (let k = secret.length - 1; k >= MIN_CUT_PREFIX; k--) {
          const prefix = secret.slice(0, k);
          for (const mark of ['…', '...']) out = out.split(prefix + mark).join(REDACTED + mark);
        }
      }
    }
    return out;
  }

  /** Header values with Authorization and x-api-key hidden and every other value redacted. */
  redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : this.redact(value);
    }
    return out;
  }
}

/** Variables holding URLs whose userinfo (`https://user:pass@host`) is a credential. */
const URL_VARIABLES = [
  'GATEWAY_URL',
  'VICTORIALOGS_URL',
  'AGENT_METRICS_URL',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'http_proxy',
  'https_proxy',
] as const;

/** The password of a URL's userinfo, as written and decoded, and `user:pass` whole. */
function userinfoSecrets(value: string | undefined): string[] {
  const match = value === undefined ? null : /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(value.trim());
  const userinfo = match?.[1];
  if (userinfo === undefined || userinfo === '') return [];
  const colon = userinfo.indexOf(':');
  if (colon < 0) return [userinfo];
  const password = userinfo.slice(colon + 1);
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // not percent-encoded after all: the raw form is the one that will be printed
  }
  return [userinfo, password, decoded].filter((v) => v !== '');
}

/**
 * A redactor that knows the secrets of the client environment: the secret variables, the password of a URL's
 * userinfo, and `AUTH_USER:AUTH_PASS` (a Basic authorization header carries it in base64).
 */
export function redactorFromEnv(...envs: Readonly<Record<string, string | undefined>>[]): Redactor {
  const secrets: string[] = [];
  // Several: an environment whose cases run on two platforms (a testbed's platform lane) knows both's secrets.
  for (const env of envs) {
    secrets.push(...SECRET_VARIABLES.map((name) => env[name] ?? '').filter((v) => v.trim() !== ''));
    for (const name of URL_VARIABLES) secrets.push(...userinfoSecrets(env[name]));
    const user = env.AUTH_USER ?? '';
    const password = env.AUTH_PASS ?? '';
    if (password !== '') secrets.push(`${user}:${password}`);
  }
  return new Redactor(secrets);
}

/**
 * The warning a run prints once when a secret variable is shorter than MIN_SECRET_LENGTH (it is then hidden only
 * where it stands alone), or undefined. It names the variables, never the values.
 */
export function weakSecretWarning(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const weak = SECRET_VARIABLES.filter((name) => {
    const value = env[name] ?? '';
    return value.trim() !== '' && value.length < MIN_SECRET_LENGTH;
  });
  if (weak.length === 0) return undefined;
  return `${weak.join(', ')} ${weak.length === 1 ? 'is' : 'are'} shorter than ${MIN_SECRET_LENGTH} characters: hidden in output only where ${weak.length === 1 ? 'it stands' : 'they stand'} alone; use a longer secret`;
}
