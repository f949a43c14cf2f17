import { ExpressionError } from '../../language/eval/expression-error.ts';
import { subexpressions } from '../../language/eval/expression-walk.ts';
import { createTextScope } from '../../language/eval/scope.ts';
import {
  FIXED_SCOPE_MEMBERS,
  SCOPE_FUNCTIONS,
  TEXT_SCOPE_FUNCTIONS,
  TEXT_SCOPE_ROOTS,
} from '../../language/eval/scope-names.ts';
import { renderString } from '../../language/eval/template.ts';
import { parseTemplatePieces } from '../../language/eval/template-parse.ts';
import { valueAsText } from '../../language/eval/value-text.ts';
import type { EsbSelection } from '../../language/model/catalogue.ts';
import { didYouMean } from '../text/closest-name.ts';
import { esbNodeProblem } from './check-esb-names.ts';
import type { RevisionContext } from './load-esb-revisions.ts';

/**
 * A fault in one catalogue text (anchor or a doc field): `offset`/`length` locate it in the string. `syntax` is
 * a fault of the expression itself; `reference` names a value catalogue text cannot read.
 */
export interface TextProblem {
  readonly kind: 'syntax' | 'reference';
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  /** What to write instead, when the problem knows better than the caller's general advice. */
  readonly fix?: string;
}

/**
 * Load-time check of one catalogue text, once per declaration: the syntax of its `${…}` (the expression language
 * of language/eval, filters included), and that it reads only matrix keys of the case and the ESB revision, and
 * calls no scope function but esb.since with a declared revision. A problem with a reference underlines it; a
 * `${…}` that is only that reference is underlined whole.
 */
export function textTemplateProblems(
  text: string,
  matrixKeys: readonly string[],
  revisions: RevisionContext,
): TextProblem[] {
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
      const esb = esbNodeProblem(node, revisions);
      if (esb !== undefined) {
        const marked = esb.atArgument;
        problems.push({
          kind: 'reference',
          ...(marked === undefined
            ? at
            : { offset: piece.offset + 2 + marked.start, length: marked.end - marked.start }),
          message: esb.message,
          fix: esb.fix,
        });
      } else if (node.kind === 'call') {
        if ((TEXT_SCOPE_FUNCTIONS as readonly string[]).includes(node.name)) continue;
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
      } else if (root === 'esb') {
        const members = FIXED_SCOPE_MEMBERS.esb ?? [];
        if (key !== undefined && !members.includes(key))
          problems.push({
            kind: 'reference',
            ...at,
            message: `unknown reference \${${node.name}}: esb has ${members.join(', ')}, and the function esb.since('<revision>').${didYouMean(key, members)}`,
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
 * Renders a checked catalogue text for one matrix expansion and ESB revision through language/eval's
 * renderString, with a scope that holds only `matrix` and `esb`. A text that is one `${…}` of another type (a number) becomes its text. Throws an
 * ExpressionError located in `text` when a value cannot be computed.
 */
export function renderCatalogueText(
  text: string,
  params: Readonly<Record<string, string>>,
  esb?: EsbSelection,
): string {
  return valueAsText(renderString(text, createTextScope(params, esb)));
}
