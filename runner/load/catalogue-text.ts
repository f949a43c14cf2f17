import { ExpressionError } from '../../language/eval/expression-error.ts';
import { subexpressions } from '../../language/eval/expression-walk.ts';
import { createTextScope } from '../../language/eval/scope.ts';
import { SCOPE_FUNCTIONS, TEXT_SCOPE_ROOTS } from '../../language/eval/scope-names.ts';
import { renderString } from '../../language/eval/template.ts';
import { parseTemplatePieces } from '../../language/eval/template-parse.ts';
import { valueAsText } from '../../language/eval/value-text.ts';
import { didYouMean } from '../text/closest-name.ts';

/**
 * A fault in one catalogue text (anchor or a doc field): `offset`/`length` locate it in the string. `syntax` is
 * a fault of the expression itself; `reference` names a value catalogue text cannot read.
 */
export interface TextProblem {
  readonly kind: 'syntax' | 'reference';
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/**
 * Load-time check of one catalogue text, once per declaration: the syntax of its `${…}` (the expression language
 * of language/eval, filters included), and that it reads only matrix keys of the case and calls no scope
 * function. A problem with a reference underlines it; a `${…}` that is only that reference is underlined whole.
 */
export function textTemplateProblems(text: string, matrixKeys: readonly string[]): TextProblem[] {
  if (!text.includes('${')) return [];
  let pieces: ReturnType<typeof parseTemplatePieces>;
  try {
    pieces = parseTemplatePieces(text);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return [{ kind: 'syntax', offset: error.offset, length: error.length, message: error.message }];
  }
  const problems: TextProblem[] = [];
  for (const piece of pieces) {
    if (piece.kind !== 'expression') continue;
    for (const node of subexpressions(piece.expression)) {
      if (node.kind !== 'reference' && node.kind !== 'call') continue;
      const whole = node === piece.expression && node.kind === 'reference';
      const at = whole
        ? { offset: piece.offset, length: piece.length }
        : { offset: piece.offset + 2 + node.start, length: node.end - node.start };
      const [root = '', key] = node.name.split('.');
      if (node.kind === 'call') {
        if ((SCOPE_FUNCTIONS as readonly string[]).includes(node.name))
          problems.push({
            kind: 'reference',
            ...at,
            message: `${node.name}() cannot be called in catalogue text (anchor, doc): it is rendered when the catalogue loads`,
          });
      } else if (!(TEXT_SCOPE_ROOTS as readonly string[]).includes(root)) {
        problems.push({
          kind: 'reference',
          ...at,
          message: `unknown reference \${${node.name}}: catalogue text (anchor, doc) is rendered when the catalogue loads and can read only ${TEXT_SCOPE_ROOTS.map((r) => `${r}.<name>`).join(', ')}`,
        });
      } else if (key !== undefined && !matrixKeys.includes(key)) {
        problems.push({
          kind: 'reference',
          ...at,
          message: `unknown reference \${${node.name}}: the case has no matrix key '${key}'.${didYouMean(key, matrixKeys)}`,
        });
      }
    }
  }
  return problems;
}

/**
 * Renders a checked catalogue text for one matrix expansion through language/eval's renderString, with a scope
 * that holds only `matrix`. A text that is one `${…}` of another type (a number) becomes its text. Throws an
 * ExpressionError located in `text` when a value cannot be computed.
 */
export function renderCatalogueText(text: string, params: Readonly<Record<string, string>>): string {
  return valueAsText(renderString(text, createTextScope(params)));
}
