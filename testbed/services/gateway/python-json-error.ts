/**
 * Where and why Python's json.loads rejects a text, in its own words ("Expecting property name enclosed in double
 * quotes" at position 1): ESB's gateway reports a body that is not JSON with them (FastAPI's json_invalid error).
 * Only called on text that JSON.parse rejected; the scan follows json.decoder's order of checks.
 */
export interface PythonJsonError {
  readonly msg: string;
  readonly pos: number;
}

class Failure extends Error {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {
    super(msg);
  }
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const LITERALS = ['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity'];

function skip(text: string, pos: number): number {
  WHITESPACE.lastIndex = pos;
  WHITESPACE.exec(text);
  return WHITESPACE.lastIndex;
}

function scanString(text: string, start: number): number {
  let pos = start + 1;
  while (pos < text.length) {
    const ch = text[pos] as string;
    if (ch === '"') return pos + 1;
    if (ch === '\\') {
      const next = text[pos + 1];
      if (next === undefined) break;
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6)))
          throw new Failure('Invalid \\uXXXX escape', pos + 1);
        pos += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(next)) throw new Failure('Invalid \\escape', pos);
      pos += 2;
      continue;
    }
    if (ch.charCodeAt(0) < 0x20) throw new Failure('Invalid control character at', pos);
    pos++;
  }
  throw new Failure('Unterminated string starting at', start);
}

function scanValue(text: string, start: number): number {
  const ch = text[start];
  if (ch === '"') return scanString(text, start);
  if (ch === '{') return scanObject(text, start);
  if (ch === '[') return scanArray(text, start);
  for (const literal of LITERALS) if (text.startsWith(literal, start)) return start + literal.length;
  NUMBER.lastIndex = start;
  if (NUMBER.exec(text) !== null) return NUMBER.lastIndex;
  throw new Failure('Expecting value', start);
}

function scanObject(text: string, start: number): number {
  let pos = skip(text, start + 1);
  if (text[pos] === '}') return pos + 1;
  for (;;) {
    if (text[pos] !== '"') throw new Failure('Expecting property name enclosed in double quotes', pos);
    pos = skip(text, scanString(text, pos));
    if (text[pos] !== ':') throw new Failure("Expecting ':' delimiter", pos);
    pos = skip(text, scanValue(text, skip(text, pos + 1)));
    if (text[pos] === '}') return pos + 1;
    if (text[pos] !== ',') throw new Failure("Expecting ',' delimiter", pos);
    pos = skip(text, pos + 1);
  }
}

function scanArray(text: string, start: number): number {
  let pos = skip(text, start + 1);
  if (text[pos] === ']') return pos + 1;
  for (;;) {
    pos = skip(text, scanValue(text, pos));
    if (text[pos] === ']') return pos + 1;
    if (text[pos] !== ',') throw new Failure("Expecting ',' delimiter", pos);
    pos = skip(text, pos + 1);
  }
}

/** The first error Python's json.loads reports for `text`, or undefined when Python would accept it. */
export function pythonJsonError(text: string): PythonJsonError | undefined {
  try {
    const end = skip(text, scanValue(text, skip(text, 0)));
    if (end !== text.length) return { msg: 'Extra data', pos: end };
    return undefined;
  } catch (error) {
    if (error instanceof Failure) return { msg: error.msg, pos: error.pos };
    throw error;
  }
}
