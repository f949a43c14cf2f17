/** Environment variables whose values are secrets (docs/catalogue-steps.md "Secrets"). */
export const SECRET_VARIABLES = ['X_API_KEY', 'AUTH_PASS', 'RUSTFS_SECRET_KEY', 'JWT_SECRET_KEY'] as const;

/** Header names whose values are always hidden, whatever they hold. */
const SECRET_HEADERS = new Set(['authorization', 'x-api-key']);

export const REDACTED = '***';

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
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED);
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
