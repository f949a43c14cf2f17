import type { FunctionRuntime } from '../../functions/function-catalog.ts';

/**
 * How each runtime flavour decides the level of a line that carries none (contract §4.3, §4.4). The two
 * flavours deliberately differ: ESB's Python hook and Java agent check keywords in different orders.
 */

/** Python `logging` level numbers; LOG_LEVEL and the CloudWatch filter compare against these. */
const PYTHON_LEVELS = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 } as const;
type PythonLevel = keyof typeof PYTHON_LEVELS;

function isPythonLevel(name: string): name is PythonLevel {
  return Object.hasOwn(PYTHON_LEVELS, name);
}

/** The numeric threshold of a LOG_LEVEL value; unknown values mean INFO, as in ESB's hook. */
function pythonThreshold(logLevel: string): number {
  const name = logLevel.trim().toUpperCase();
  return isPythonLevel(name) ? PYTHON_LEVELS[name] : PYTHON_LEVELS.INFO;
}

/** Whether a Python record of `level` is dropped under `logLevel`. */
export function belowPythonLogLevel(level: string, logLevel: string): boolean {
  const name = level.toUpperCase();
  const rank = isPythonLevel(name) ? PYTHON_LEVELS[name] : PYTHON_LEVELS.INFO;
  return rank < pythonThreshold(logLevel);
}

/** Python stdout hook: DEBUG/TRACE, then WARN, then ERROR/CRIT, else INFO; case-insensitive. */
function pythonPlainLineLevel(line: string): string {
  const upper = line.toUpperCase();
  if (upper.includes('DEBUG') || upper.includes('TRACE')) return 'DEBUG';
  if (upper.includes('WARN')) return 'WARNING';
  if (upper.includes('ERROR') || upper.includes('CRIT')) return 'ERROR';
  return 'INFO';
}

/** Java sink: ERROR/CRIT, then WARN, then DEBUG/TRACE, else INFO; case-insensitive. */
function javaPlainLineLevel(line: string): string {
  const upper = line.toUpperCase();
  if (upper.includes('ERROR') || upper.includes('CRIT')) return 'ERROR';
  if (upper.includes('WARN')) return 'WARNING';
  if (upper.includes('DEBUG') || upper.includes('TRACE')) return 'DEBUG';
  return 'INFO';
}

/** The level a plain (non-JSON) stdout line gets in VictoriaLogs. */
export function plainLineLevel(runtime: FunctionRuntime, line: string): string {
  return runtime === 'java' ? javaPlainLineLevel(line) : pythonPlainLineLevel(line);
}

/** A CloudWatch event message split into the level it selects and the text that is stored. */
export interface LevelledMessage {
  readonly level: string;
  readonly message: string;
}

/**
 * Python PutLogEvents rule: a leading `[DEBUG]`, `[INFO]`, `[WARNING]`, `[ERROR]` or `[CRITICAL]` (exact case)
 * sets the level and is stripped with the spaces after it; anything else is INFO as written.
 */
export function pythonCloudWatchLevel(message: string): LevelledMessage {
  for (const level of Object.keys(PYTHON_LEVELS)) {
    const prefix = `[${level}]`;
    if (message.startsWith(prefix)) return { level, message: message.slice(prefix.length).trimStart() };
  }
  return { level: 'INFO', message };
}

/**
 * Java PutLogEvents rule: DEBUG for a `[DEBUG]` prefix or ` TRACE`, else WARNING for WARN, else ERROR for
 * ERROR/CRIT, else INFO (case-insensitive); a `[LEVEL]` prefix naming the detected level is stripped.
 */
export function javaCloudWatchLevel(message: string): LevelledMessage {
  const upper = message.toUpperCase();
  let level = 'INFO';
  if (upper.startsWith('[DEBUG]') || upper.includes(' TRACE')) level = 'DEBUG';
  else if (upper.includes('WARN')) level = 'WARNING';
  else if (upper.includes('ERROR') || upper.includes('CRIT')) level = 'ERROR';
  const prefix = `[${level}]`;
  return { level, message: message.startsWith(prefix) ? message.slice(prefix.length).trim() : message };
}
