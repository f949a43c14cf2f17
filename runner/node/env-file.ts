import { readFileSync } from 'node:fs';

export class EnvFileError extends Error {}

/**
 * Reads a KEY=VALUE file as docker compose and dotenv write them: blank lines and `#` comments skipped, an
 * optional `export ` prefix, values optionally in single or double quotes (kept literally). Throws
 * EnvFileError naming the file and line of anything else.
 */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EnvFileError(`cannot read the environment file ${path}: ${(error as Error).message}`);
  }
  return parseEnvText(text, path);
}

export function parseEnvText(text: string, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (match === null)
      // The line is not quoted: a value pasted without its KEY= is as likely a password as anything else.
      throw new EnvFileError(
        `${path}:${i + 1}: expected KEY=VALUE, found a line without KEY= (${line.length} characters, not shown: it may hold a secret)`,
      );
    const [, key = '', value = ''] = match;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    out[key] = quoted === null ? value : (quoted[2] ?? '');
  });
  return out;
}

/**
 * The client environment of a run: the process environment completed by an optional file. Variables already
 * set (non-empty) in the process win, as with docker compose and dotenv: one shell export overrides a file value.
 */
export function clientEnvironment(
  processEnv: Readonly<Record<string, string | undefined>>,
  file: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = file === undefined ? {} : readEnvFile(file);
  for (const [key, value] of Object.entries(processEnv)) {
    // An empty export counts as unset (as runner/config/settings.ts reads it), so it does not hide a file value.
    if (value !== undefined && (value !== '' || out[key] === undefined)) out[key] = value;
  }
  return out;
}
