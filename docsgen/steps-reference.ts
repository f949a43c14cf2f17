import type { OperatorEntry } from '../assertions/operator-types.ts';
import type { HookDefinition } from '../hooks/hook-types.ts';
import type { StepKindEntry } from '../runner/exec/step-kind-entry.ts';
import { code, markdownTable } from './markdown-table.ts';

/** The catalogue format reference, relative to the package root; its operator and hook lists are generated. */
export const STEPS_DOC = 'docs/catalogue-steps.md';

/** What the docs need of a hook. */
export type HookDocEntry = Pick<
  HookDefinition,
  'name' | 'scope' | 'description' | 'exampleWith' | 'timeoutSeconds'
>;

/** A table cell: a pipe would end the cell early. */
const cell = (text: string) => text.replaceAll('|', '\\|');

/** What the docs need of a step kind. */
export type StepKindDocEntry = Pick<StepKindEntry<never>, 'name' | 'doc' | 'observes' | 'examples'>;

export function stepKindLines(kinds: readonly StepKindDocEntry[]): string[] {
  return markdownTable(
    [
      { header: 'step', align: 'left' },
      { header: 'retry, poll, expect, capture', align: 'left' },
      { header: 'what it does', align: 'left' },
      { header: 'example', align: 'left' },
    ],
    kinds.map((k) => [
      code(k.name),
      k.observes ? 'yes' : 'no',
      cell(k.doc),
      code(cell(JSON.stringify(k.examples[0] ?? {}))),
    ]),
  );
}

export function operatorLines(operators: readonly OperatorEntry[]): string[] {
  return markdownTable(
    [
      { header: 'operator', align: 'left' },
      { header: 'holds when', align: 'left' },
    ],
    operators.map((o) => [code(o.name), cell(o.doc)]),
  );
}

export function hookLines(hooks: readonly HookDocEntry[]): string[] {
  return markdownTable(
    [
      { header: 'hook', align: 'left' },
      { header: 'scope', align: 'left' },
      { header: 'timeout', align: 'right' },
      { header: 'example `with`', align: 'left' },
      { header: 'what it does and returns', align: 'left' },
    ],
    hooks.map((h) => [
      code(h.name),
      code(h.scope),
      `${h.timeoutSeconds} s`,
      code(JSON.stringify(h.exampleWith)),
      cell(h.description),
    ]),
  );
}

const begin = (name: string) =>
  `<!-- generated: ${name} (npm run docs writes this list from the table; edit the table, not this list) -->`;
const end = (name: string) => `<!-- end generated: ${name} -->`;

/**
 * Replaces the generated section `name` of the document (between its two marker lines, which stay) with
 * `lines`. The rest of the document is hand-written and kept as it is.
 */
export function replaceSection(text: string, name: string, lines: readonly string[]): string {
  const from = text.indexOf(begin(name));
  const to = text.indexOf(end(name));
  if (from < 0 || to < from)
    throw new Error(
      `${STEPS_DOC} has no generated section '${name}'; put these two lines where the list belongs:\n${begin(name)}\n${end(name)}`,
    );
  const head = text.slice(0, from + begin(name).length);
  return `${head}\n${lines.join('\n')}\n${text.slice(to)}`;
}

/** The reference with its step-kind, operator and hook lists taken from the tables. */
export function renderStepsReference(
  committed: string,
  steps: readonly StepKindDocEntry[],
  operators: readonly OperatorEntry[],
  hooks: readonly HookDocEntry[],
): string {
  const withSteps = replaceSection(committed, 'step kinds', stepKindLines(steps));
  return replaceSection(
    replaceSection(withSteps, 'operators', operatorLines(operators)),
    'hooks',
    hookLines(hooks),
  );
}
