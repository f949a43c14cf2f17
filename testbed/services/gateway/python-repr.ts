/**
 * Python's repr() of JSON-like values, as ESB's gateway prints validation errors (`str(exc.errors())`): strings in
 * single quotes (double when they hold a single quote and no double one), bytes as b'…', tuples for locations.
 */
export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

export class PyBytes {
  constructor(readonly bytes: Buffer) {}
}

export type PyValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | PyTuple
  | PyBytes
  | readonly PyValue[]
  | { readonly [key: string]: PyValue };

/** Characters Python escapes in a str repr besides the quote and backslash. */
function escapeChar(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  return ch;
}

function quoted(text: string, escapeByte: (ch: string) => string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else out += escapeByte(ch);
  }
  return `${out}${quote}`;
}

export function pyRepr(value: PyValue): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return quoted(value, escapeChar);
  if (value instanceof PyBytes)
    return `b${quoted(value.bytes.toString('latin1'), (ch) => {
      const code = ch.charCodeAt(0);
      return code >= 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : escapeChar(ch);
    })}`;
  if (value instanceof PyTuple)
    return value.items.length === 1
      ? `(${pyRepr(value.items[0])},)`
      : `(${value.items.map(pyRepr).join(', ')})`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  const entries = Object.entries(value as Record<string, PyValue>);
  return `{${entries.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}
