import { ExpressionError } from '../language/eval/expression.ts';
import { renderValue } from '../language/eval/template.ts';
import type { TemplateScope } from '../language/model/observation.ts';

/** Renders a value, turning a template error into an Error whose message says which template failed. */
export function renderOrExplain(value: unknown, scope: TemplateScope): unknown {
  try {
    return renderValue(value, scope);
  } catch (error) {
    if (error instanceof ExpressionError) throw new Error(`template error: ${error.message}`);
    throw error;
  }
}
