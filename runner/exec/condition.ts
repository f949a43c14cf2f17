import { evaluateExpression, parseExpression } from '../../language/eval/expression.ts';
import { renderString } from '../../language/eval/template.ts';
import { isTruthy } from '../../language/eval/truthiness.ts';
import type { TemplateScope } from '../../language/model/observation.ts';

/**
 * Evaluates a `when` of a step or `skip_if`: written `${…}` (as the catalogue does) or as a bare expression.
 * Text around a `${…}` makes it a string, which is truthy when not empty.
 */
export function conditionHolds(source: string, scope: TemplateScope): boolean {
  const value = source.includes('${')
    ? renderString(source, scope)
    : evaluateExpression(parseExpression(source), scope);
  return isTruthy(value);
}
