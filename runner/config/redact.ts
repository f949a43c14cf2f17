/** Environment variables whose values are secrets (docs/catalogue-steps.md "Secrets"). */
export const SECRET_VARIABLES = ['X_API_KEY', 'AUTH_PASS', 'RUSTFS_SECRET_KEY', 'JWT_SECRET_KEY'] as const;

/** Header names whose values are always hidden, whatever they hold. */
const SECRET_HEADERS = new Set(['authorization', 'x-api-key']);

export const REDACTED = '***';

/** The shortest start of a secret hidden before a truncation mark; two characters reveal nothing usable. */
const MIN_CUT_PREFIX = 3;

/**
 * Replaces every known secret with ***. Built from the environment and told about login tokens as they are
 * issued; one instance serves a whole run so that a token of one file is hidden in every other file's output.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Registers a secret, also as it appears JSON-escaped and URL-encoded inside bodies and URLs. */
  add(secret: string): void {
    if (secret.length === 0) return;
    this.secrets.add(secret);
    this.secrets.add(JSON.stringify(secret).slice(1, -1));
    this.secrets.add(encodeURIComponent(secret));
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    const secrets = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
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

/** A redactor that knows the secrets of the client environment. */
export function redactorFromEnv(env: Readonly<Record<string, string | undefined>>): Redactor {
  return new Redactor(SECRET_VARIABLES.map((name) => env[name] ?? '').filter((v) => v.trim() !== ''));
}
