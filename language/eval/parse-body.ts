/**
 * Parses a response text as a step reads it: `json` (the text itself when it does not parse), `json_lines` (an
 * array of the parsed lines, blank and unparsable lines skipped, as VictoriaLogs answers) or `text`.
 */
export function parseBody(text: string, as: 'json' | 'json_lines' | 'text'): unknown {
  if (as === 'text') return text;
  if (as === 'json') {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  const items: unknown[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      items.push(JSON.parse(line));
    } catch {
      // A truncated or foreign line (e.g. a proxy's error text) is skipped, as the contract's reader does.
    }
  }
  return items;
}
