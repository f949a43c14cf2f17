import type { Diagnostic } from './diagnostic.ts';

export type SourceText = { ok: true; text: string } | { ok: false; text: string; diagnostics: Diagnostic[] };

const BOM = [0xef, 0xbb, 0xbf];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** 1-based line and column of a character offset in text. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** Byte offset of the first byte that does not belong to a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, found by halving: decoding is linear, so this stays fast on large files.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    let valid = true;
    try {
      // A fresh decoder each time: a streaming decoder keeps state, and a prefix may end inside a character.
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, mid), {
        stream: true,
      });
    } catch {
      valid = false;
    }
    if (valid) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The text of a project YAML file, read as UTF-8. A byte order mark, bytes that are not UTF-8 and NUL characters
 * are errors: editors hide them, and the text would reach the coverage document as U+FFFD or a NUL.
 * `text` is always set (decoded leniently on failure) so that the diagnostics can quote the line.
 */
export function decodeSourceText(file: string, bytes: Uint8Array): SourceText {
  const at = (text: string, offset: number, code: string, message: string, fix: string): Diagnostic => ({
    code,
    file,
    ...lineCol(text, offset),
    span: 1,
    caseIds: [],
    message,
    fix,
  });
  if (BOM.every((b, i) => bytes[i] === b)) {
    const text = lenientUtf8.decode(bytes.subarray(3));
    return {
      ok: false,
      text,
      diagnostics: [
        at(
          text,
          0,
          'byte-order-mark',
          'the file starts with a UTF-8 byte order mark (BOM, the invisible bytes EF BB BF)',
          'save the file as UTF-8 without a BOM (in most editors: encoding "UTF-8", not "UTF-8 with BOM")',
        ),
      ],
    };
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    const prefix = lenientUtf8.decode(bytes.subarray(0, bad));
    text = lenientUtf8.decode(bytes);
    const byte = bytes[bad]?.toString(16).toUpperCase().padStart(2, '0') ?? '??';
    return {
      ok: false,
      text,
      diagnostics: [
        at(
          text,
          prefix.length,
          'invalid-utf8',
          `the byte 0x${byte} here is not valid UTF-8 (the file is in another encoding, or damaged)`,
          'save the file as UTF-8 and retype the character at this position',
        ),
      ],
    };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    return {
      ok: false,
      text,
      diagnostics: [
        at(
          text,
          nul,
          'nul-character',
          'the file holds a NUL character (U+0000), which YAML text may not contain',
          'remove the NUL character; catalogue files are plain UTF-8 text',
        ),
      ],
    };
  }
  return { ok: true, text };
}
