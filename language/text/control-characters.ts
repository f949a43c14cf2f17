/**
 * Text a server sent (a body, a header, a value inside one) is shown with every character that a terminal acts
 * on instead of printing made visible: C0 controls (ESC starts cursor moves, window titles, screen clears; CR
 * and BS overwrite what the runner printed; NUL), DEL, C1 controls (0x9B is a one-byte CSI), the line and
 * paragraph separators, and the bidirectional overrides and isolates that reorder what follows. Newlines are
 * escaped too unless kept: a server's newline could otherwise start a line that looks like the runner's own.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const CONTROL_EXCEPT_NEWLINE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

function visible(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with control characters written as escapes (`\x1b`, `\r`, `\u202e`); tabs stay. */
export function escapeControls(text: string, options: { readonly keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines === true ? CONTROL_EXCEPT_NEWLINE : CONTROL, visible);
}
