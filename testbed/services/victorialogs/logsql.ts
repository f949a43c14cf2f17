/**
 * The LogsQL subset the catalogue sends (contract §7.2): phrase filters on a field or on `_msg`, joined by
 * `AND` or by whitespace (implicit AND, as in real LogsQL), plus `*` for every record. Anything else real
 * LogsQL would read differently (OR, NOT, parentheses, pipes, `field:=exact`, wildcards, other quotes) is a
 * syntax error, so a case never gets a silently different answer from the testbed than from ESB.
 */
export type LogsqlFilter =
  | { readonly kind: 'match-all' }
  | { readonly kind: 'phrase'; readonly field: string; readonly phrase: string }
  | { readonly kind: 'and'; readonly filters: readonly LogsqlFilter[] };

export type LogsqlParse = { ok: true; filter: LogsqlFilter } | { ok: false; message: string };

/** The field a filter without `field:` applies to. */
export const MESSAGE_FIELD = '_msg';

/** Characters of an unquoted word: `logger:boto3.mock`, `log_group:/aws/x`, `trace_id:1-abc-def`. */
const BARE_CHAR = /[\p{L}\p{N}_.\-/:@+]/u;
/** Real LogsQL reads these words as operators in any case; only upper-case AND is in the subset. */
const UNSUPPORTED_OPERATORS = new Set(['and', 'or', 'OR', 'not', 'NOT']);

/** A query outside the subset; its message is what the HTTP 400 body says. */
class LogsqlSyntaxError extends Error {}

/** Parses a query; a failure carries a message meant for the HTTP 400 body. */
export function parseLogsql(query: string): LogsqlParse {
  try {
    return { ok: true, filter: new Parser(query).parseQuery() };
  } catch (error) {
    if (error instanceof LogsqlSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseQuery(): LogsqlFilter {
    const filters: LogsqlFilter[] = [];
    let andPending = false;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) break;
      const start = this.pos;
      const term = this.parseTerm();
      if (term === 'AND') {
        if (filters.length === 0 || andPending) this.fail(start, "'AND' needs a filter on its left");
        andPending = true;
        continue;
      }
      filters.push(term);
      andPending = false;
    }
    if (andPending) this.fail(this.pos, "'AND' needs a filter on its right");
    if (filters.length === 0) this.fail(0, 'the query is empty');
    return filters.length === 1 && filters[0] !== undefined ? filters[0] : { kind: 'and', filters };
  }

  /** One filter, or the AND keyword. */
  private parseTerm(): LogsqlFilter | 'AND' {
    const start = this.pos;
    const char = charAt(this.text, this.pos);
    let term: LogsqlFilter | 'AND';
    if (char === '"') {
      term = { kind: 'phrase', field: MESSAGE_FIELD, phrase: this.readQuoted() };
      if (this.text[this.pos] === ':') this.fail(this.pos, 'quoted field names are not supported');
    } else if (char === '*') {
      this.pos++;
      term = { kind: 'match-all' };
    } else if (char !== undefined && BARE_CHAR.test(char)) {
      term = this.parseBareTerm(start);
    } else {
      this.fail(start, `unexpected character '${char}'`);
    }
    const next = this.text[this.pos];
    if (next !== undefined && !/\s/u.test(next))
      this.fail(
        this.pos,
        `unexpected character '${next}' after a filter (quote values with special characters)`,
      );
    return term;
  }

  /** `word`, `field:word` or `field:"quoted"`. */
  private parseBareTerm(start: number): LogsqlFilter | 'AND' {
    const word = this.readBare();
    const colon = word.indexOf(':');
    if (colon === -1) {
      if (word === 'AND') return 'AND';
      if (UNSUPPORTED_OPERATORS.has(word)) this.fail(start, `the operator '${word}' is not supported`);
      return { kind: 'phrase', field: MESSAGE_FIELD, phrase: word };
    }
    const field = word.slice(0, colon);
    const value = word.slice(colon + 1);
    if (field === '') this.fail(start, "a filter starts with ':' (missing field name)");
    if (value !== '') return { kind: 'phrase', field, phrase: value };
    if (this.text[this.pos] === '"') return { kind: 'phrase', field, phrase: this.readQuoted() };
    const after = this.text[this.pos];
    this.fail(
      this.pos,
      after === undefined || /\s/u.test(after)
        ? `missing value after '${field}:'`
        : `unsupported filter form '${field}:${after}…'`,
    );
  }

  private readBare(): string {
    const start = this.pos;
    let char = charAt(this.text, this.pos);
    while (char !== undefined && BARE_CHAR.test(char)) {
      this.pos += char.length;
      char = charAt(this.text, this.pos);
    }
    return this.text.slice(start, this.pos);
  }

  /** A double-quoted string; a backslash escapes the next character (`\n`, `\t`, `\r` as in JSON). */
  private readQuoted(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let value = '';
    while (this.pos < this.text.length) {
      const char = this.text[this.pos++];
      if (char === '"') return value;
      if (char === '\\') {
        const escaped = this.text[this.pos++];
        if (escaped === undefined) break;
        value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped === 'r' ? '\r' : escaped;
      } else {
        value += char;
      }
    }
    return this.fail(start, 'unterminated quoted string');
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/u.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private fail(pos: number, message: string): never {
    throw new LogsqlSyntaxError(`cannot parse LogsQL query at position ${pos}: ${message}`);
  }
}

export interface MatchOptions {
  /** Fault `vl-phrase-as-equality`: a phrase filter matches only a field whose whole value is the phrase. */
  readonly phraseAsEquality?: boolean;
}

/** Whether a stored record (every value a string) satisfies a filter. */
export function matchesLogsql(
  filter: LogsqlFilter,
  fields: Readonly<Record<string, string>>,
  options: MatchOptions = {},
): boolean {
  switch (filter.kind) {
    case 'match-all':
      return true;
    case 'and':
      return filter.filters.every((inner) => matchesLogsql(inner, fields, options));
    case 'phrase': {
      const value = Object.hasOwn(fields, filter.field) ? fields[filter.field] : undefined;
      // As in VictoriaLogs, an empty field is the same as a missing one, and `field:""` selects exactly those.
      if (filter.phrase === '') return value === undefined || value === '';
      if (value === undefined) return false;
      return options.phraseAsEquality ? value === filter.phrase : containsPhrase(value, filter.phrase);
    }
  }
}

const WORD_CHAR = /^[\p{L}\p{N}_]$/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

/** The code point that ends just before `index` (a surrogate pair counts as one character). */
function charBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff;
  const start = isLowSurrogate && index >= 2 ? index - 2 : index - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? 0);
}

function charAt(text: string, index: number): string | undefined {
  const codePoint = text.codePointAt(index);
  return codePoint === undefined ? undefined : String.fromCodePoint(codePoint);
}

/**
 * Phrase semantics: `phrase` occurs in `value`, and where the phrase starts (ends) with a word character
 * the occurrence does not continue a word on that side. So `lambda-echo` matches in `lambda-echo-java`
 * (`-` separates words) but not in `lambda-echoes`.
 */
export function containsPhrase(value: string, phrase: string): boolean {
  const checkStart = isWordChar(charAt(phrase, 0));
  const checkEnd = isWordChar(charBefore(phrase, phrase.length));
  for (let at = value.indexOf(phrase); at !== -1; at = value.indexOf(phrase, at + 1)) {
    const startsWord = !checkStart || !isWordChar(charBefore(value, at));
    const endsWord = !checkEnd || !isWordChar(charAt(value, at + phrase.length));
    if (startsWord && endsWord) return true;
  }
  return false;
}
