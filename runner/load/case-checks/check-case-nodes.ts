import { catalogueDataKind } from '../catalogue-data-kind.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { DataPath, YamlSource } from '../yaml-source.ts';
import { CASE_NODE_CHECKS } from './case-node-checks.ts';

/** Every value below `value` with its data path, parents first. */
function* valuesIn(value: unknown, path: DataPath): Generator<[unknown, DataPath]> {
  yield [value, path];
  if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* valuesIn(item, [...path, i]);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* valuesIn(item, [...path, key]);
}

/**
 * Runs CASE_NODE_CHECKS on one declaration's steps: each value is matched to the checks of its kind, which is
 * known from where it sits (catalogue-data-kind.ts, the same map that words the schema errors).
 */
export function checkCaseNodes(
  steps: unknown,
  casePath: DataPath,
  source: YamlSource,
  caseIds: readonly string[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [value, path] of valuesIn(steps, [...casePath, 'steps'])) {
    const kind = catalogueDataKind(path);
    for (const check of (kind && CASE_NODE_CHECKS[kind]) || []) {
      for (const p of check(value, path))
        diagnostics.push({
          code: p.code,
          file: source.file,
          ...source.locate(p.path),
          caseIds: [...caseIds],
          message: p.message,
          fix: p.fix,
        });
    }
  }
  return diagnostics;
}
