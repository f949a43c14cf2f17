/** The formatter's line width (biome.json), which decides when an array of scalars fits on one line. */
const LINE_WIDTH = 110;

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const isScalar = (value: Json): boolean => value === null || typeof value !== 'object';

function formatValue(value: Json, indent: string, prefixWidth: number): string {
  if (isScalar(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      // The closing comma counts: the formatter breaks the array when `key: [...],` would not fit.
      if (prefixWidth + flat.length + 1 <= LINE_WIDTH) return flat;
    }
    const items = value.map((v) => `${inner}${formatValue(v, inner, inner.length)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: Json });
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, v]) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return `${head}${formatValue(v, inner, head.length)}`;
  });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/**
 * JSON as the project's formatter (biome, biome.json) writes it: two-space indent, every object expanded, an
 * array of scalars on one line when it fits. A generated file then passes `biome check` unchanged.
 */
export function formatJson(value: unknown): string {
  return `${formatValue(value as Json, '', 0)}\n`;
}
