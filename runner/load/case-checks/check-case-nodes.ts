import type { DataPath } from '../../../language/model/data-path.ts';
import { catalogueDataKind } from '../catalogue-data-kind.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { YamlSource } from '../yaml-source.ts';
import { type CaseContext, valuesIn } from './case-node-check.ts';
import { CASE_NODE_CHECKS } from './case-node-checks.ts';

/**
 * Runs CASE_NODE_CHECKS on one declaration's steps: each value is matched to the checks of its kind, which is
 * known from where it sits (catalogue-data-kind.ts, the same map that words the schema errors).
 */
export function checkCaseNodes(
  steps: unknown,
  casePath: DataPath,
  source: YamlSource,
  caseIds: readonly string[],
  context: CaseContext,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [value, path] of valuesIn(steps, [...casePath, 'steps'])) {
    const kind = catalogueDataKind(path);
    for (const check of (kind && CASE_NODE_CHECKS[kind]) || []) {
      for (const p of check(value, path, context))
        diagnostics.push({
          code: p.code,
          file: source.file,
          ...(p.atKey ? source.locateKey(p.path) : source.locate(p.path)),
          caseIds: [...caseIds],
          message: p.message,
          fix: p.fix,
        });
    }
  }
  return diagnostics;
}
