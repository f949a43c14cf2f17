import type { DataPath } from '../../language/model/data-path.ts';
import { valueAt } from './value-at.ts';
import type { Position, YamlSource } from './yaml-source.ts';

/** Source characters each escape of a double-quoted YAML scalar takes, by the letter after the backslash. */
const ESCAPE_WIDTH: Readonly<Record<string, number>> = { x: 4, u: 6, U: 10 };

/**
 * Where character `offset` of the string value at `path` sits in the file. Exact for a scalar written on one
 * line (plain, single- or double-quoted: escapes are counted as the source writes them); for a scalar over
 * several lines (block or folded), the start of the scalar, since folding moves characters between lines.
 */
export function positionInScalar(source: YamlSource, path: DataPath, offset: number, length = 1): Position {
  const start = source.locate(path);
  const line = source.text.split('\n')[start.line - 1] ?? '';
  const raw = line.slice(start.col - 1, start.col - 1 + start.span);
  const value = valueAt(source.data, path);
  if (typeof value !== 'string' || raw.length < 2) return start;
  const quote = raw[0];
  let rawIndex: number;
  if (quote === '"' || quote === "'") {
    rawIndex = 1;
    for (let decoded = 0; decoded < offset && rawIndex < raw.length; decoded++) {
      if (quote === "'" && raw.startsWith("''", rawIndex)) rawIndex += 2;
      else if (quote === '"' && raw[rawIndex] === '\\')
        rawIndex += ESCAPE_WIDTH[raw[rawIndex + 1] ?? ''] ?? 2;
      else rawIndex += 1;
    }
  } else if (raw === value) {
    rawIndex = offset;
  } else {
    return start; // a block or multi-line scalar
  }
  return { line: start.line, col: start.col + rawIndex, span: Math.max(1, length) };
}
