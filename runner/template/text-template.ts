/**
 * Text templates: `${scope.name}` inserts a value, `${scope.name | filter}` transforms it first, `$${` is a literal `${`.
 * Catalogue text uses the `matrix` scope; later scopes plug into the same resolver.
 */

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'ref'; path: string; filters: string[]; offset: number; length: number };

export type TemplateFilter = (value: string) => string;

/** Filters available in every template; one entry per filter. */
export const TEMPLATE_FILTERS: Readonly<Record<string, TemplateFilter>> = {
  capitalize: (v) => v.charAt(0).toUpperCase() + v.slice(1),
  upper: (v) => v.toUpperCase(),
  lower: (v) => v.toLowerCase(),
};

export class TemplateError extends Error {
  /** Offset of the faulty `${` within the template text. */
  readonly offset: number;
  readonly length: number;
  constructor(message: string, offset: number, length: number) {
    super(message);
    this.name = 'TemplateError';
    this.offset = offset;
    this.length = length;
  }
}

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('$${', i)) {
      text += '${';
      i += 3;
      continue;
    }
    if (!template.startsWith('${', i)) {
      text += template[i];
      i += 1;
      continue;
    }
    const end = template.indexOf('}', i + 2);
    if (end < 0) throw new TemplateError('unclosed ${ in text', i, template.length - i);
    const [head = '', ...filters] = template
      .slice(i + 2, end)
      .split('|')
      .map((s) => s.trim());
    if (!/^[a-z][a-zA-Z0-9_]*(\.[a-zA-Z0-9_]+)+$/.test(head)) {
      throw new TemplateError(`'${head}' is not a reference of the form scope.name`, i, end - i + 1);
    }
    for (const f of filters) {
      if (!(f in TEMPLATE_FILTERS)) {
        throw new TemplateError(
          `unknown template filter '${f}'; filters are ${Object.keys(TEMPLATE_FILTERS).join(', ')}`,
          i,
          end - i + 1,
        );
      }
    }
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'ref', path: head, filters, offset: i, length: end - i + 1 });
    i = end + 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** Renders a template; `resolve` returns undefined for an unknown reference, which is an error. */
export function renderTemplate(template: string, resolve: (path: string) => string | undefined): string {
  return parseTemplate(template)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      const value = resolve(part.path);
      if (value === undefined)
        throw new TemplateError(`unknown reference \${${part.path}}`, part.offset, part.length);
      return part.filters.reduce((v, f) => (TEMPLATE_FILTERS[f] as TemplateFilter)(v), value);
    })
    .join('');
}

/** Resolver for the `matrix` scope of one expansion. */
export function matrixScope(params: Readonly<Record<string, string>>): (path: string) => string | undefined {
  return (path) => (path.startsWith('matrix.') ? params[path.slice('matrix.'.length)] : undefined);
}
