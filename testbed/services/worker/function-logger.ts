import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionRuntime } from '../../functions/function-catalog.ts';
import type { FunctionLogger, LogFields } from './function-context.ts';
import { belowPythonLogLevel } from './log-level-rules.ts';
import type { StdoutHook } from './stdout-hook.ts';

const THIS_FILE = fileURLToPath(import.meta.url);

/**
 * `file:line` of the fixture code that called the logger, like Python's `record.filename:record.lineno`.
 * Read from the stack: the first frame outside this file.
 */
function callerLocation(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  for (const frame of frames) {
    const match = /\(?((?:file:\/\/)?[^\s()]+):(\d+):\d+\)?\s*$/.exec(frame);
    if (!match?.[1] || !match[2]) continue;
    const file = match[1].startsWith('file://') ? fileURLToPath(match[1]) : match[1];
    if (file === THIS_FILE || file.startsWith('node:')) continue;
    return `${basename(file)}:${match[2]}`;
  }
  return 'unknown:0';
}

/**
 * Python flavour: what ESB's JsonFormatter on the root logger writes. Records below LOG_LEVEL are dropped,
 * as `logging` does before any handler runs.
 */
function pythonLogger(stdout: StdoutHook, logLevel: string): FunctionLogger {
  const log = (level: string, message: string, fields: LogFields = {}): void => {
    if (belowPythonLogLevel(level, logLevel)) return;
    stdout.writeRecord({
      ...fields,
      level,
      message,
      _time: new Date().toISOString(),
      logger: 'root',
      location: callerLocation(),
    });
  };
  return {
    debug: (message, fields) => log('DEBUG', message, fields),
    info: (message, fields) => log('INFO', message, fields),
    warning: (message, fields) => log('WARNING', message, fields),
    error: (message, fields) => log('ERROR', message, fields),
  };
}

/** Java flavour: one JSON line per call with `_time` (ms) and `level`; the Java sink adds the rest. */
function javaLogger(stdout: StdoutHook): FunctionLogger {
  const log = (level: string, message: string, fields: LogFields = {}): void =>
    stdout.writeRecord({ _time: new Date().toISOString(), level, message, ...fields });
  return {
    debug: (message, fields) => log('DEBUG', message, fields),
    info: (message, fields) => log('INFO', message, fields),
    warning: (message, fields) => log('WARNING', message, fields),
    error: (message, fields) => log('ERROR', message, fields),
  };
}

export function createFunctionLogger(
  runtime: FunctionRuntime,
  stdout: StdoutHook,
  logLevel: string,
): FunctionLogger {
  return runtime === 'java' ? javaLogger(stdout) : pythonLogger(stdout, logLevel);
}
