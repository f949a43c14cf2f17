import { valueAsText } from './value-text.ts';

/**
 * A filter of templates: `${x | name}` passes x through it. Filters transform text: a value that is not a string
 * is first turned into text as a template inserts it (language/eval/value-text.ts: numbers, booleans and null as
 * JSON), so a filter never fails and always yields a string.
 */
export interface TemplateFilter {
  readonly name: string;
  /** One line for the documentation and for error messages. */
  readonly doc: string;
  readonly apply: (text: string) => string;
}

/** Every filter templates may name; one entry per filter. */
export const FILTERS: readonly TemplateFilter[] = [
  {
    name: 'capitalize',
    doc: 'the first character in upper case, the rest as it is',
    apply: (text) => text.charAt(0).toUpperCase() + text.slice(1),
  },
  { name: 'upper', doc: 'every character in upper case', apply: (text) => text.toUpperCase() },
  { name: 'lower', doc: 'every character in lower case', apply: (text) => text.toLowerCase() },
];

const BY_NAME: ReadonlyMap<string, TemplateFilter> = new Map(FILTERS.map((f) => [f.name, f]));

/** The filter of that name, or undefined. */
export function findFilter(name: string): TemplateFilter | undefined {
  return BY_NAME.get(name);
}

/** The names of the filters, for messages: `capitalize, upper, lower`. */
export function filterNames(): string {
  return FILTERS.map((f) => f.name).join(', ');
}

/** Applies a filter to any value: text as it is, anything else as the text a template would insert. */
export function applyFilter(filter: TemplateFilter, value: unknown): string {
  return filter.apply(valueAsText(value));
}
