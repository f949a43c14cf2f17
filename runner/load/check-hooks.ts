import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { HookDefinition } from '../../hooks/hook-types.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import type { StepSpec } from '../../language/model/steps.ts';
import { walkSteps } from '../../language/model/walk-steps.ts';
import { didYouMean } from '../text/closest-name.ts';
import type { Diagnostic } from './diagnostic.ts';
import { compileSchema } from './schema-check.ts';
import { schemaErrorDiagnostics } from './schema-diagnostic.ts';
import type { YamlSource } from './yaml-source.ts';

/** The hooks a catalogue may name: hooks/hook-table.ts, or a test's own table. */
export type HookTable = Readonly<Record<string, Pick<HookDefinition, 'name' | 'withSchema'>>>;

const validators = new WeakMap<object, ValidateFunction>();

function validatorFor(hook: Pick<HookDefinition, 'withSchema'>): ValidateFunction {
  let validate = validators.get(hook.withSchema);
  if (validate === undefined) {
    validate = compileSchema(hook.withSchema);
    validators.set(hook.withSchema, validate);
  }
  return validate;
}

/**
 * Every hook step of one declaration names a hook of the table, and its `with` meets that hook's schema.
 * `casePath` is the declaration's data path, ['cases', index].
 */
export function checkHooks(
  steps: readonly StepSpec[],
  casePath: DataPath,
  source: YamlSource,
  table: HookTable,
  caseIds: readonly string[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = Object.keys(table);
  for (const { step, path } of walkSteps(steps)) {
    if (!('hook' in step)) continue;
    const stepPath = [...casePath, ...path];
    const hook = table[step.hook];
    if (hook === undefined) {
      diagnostics.push({
        code: 'unknown-hook',
        file: source.file,
        ...source.locate([...stepPath, 'hook']),
        caseIds,
        message: `unknown hook '${step.hook}'.${didYouMean(step.hook, known)}`,
        fix:
          known.length > 0
            ? `use one of the hooks in hooks/hook-table.ts: ${known.join(', ')}`
            : 'no hook is registered in hooks/hook-table.ts; register one there first',
      });
      continue;
    }
    const validate = validatorFor(hook);
    if (validate(step.with ?? {})) continue;
    const withPath = [...stepPath, 'with'];
    for (const d of schemaErrorDiagnostics(validate.errors ?? [], source, () => [...caseIds], withPath)) {
      diagnostics.push({
        ...d,
        code: 'bad-hook-with',
        message: `hook ${hook.name}${step.with === undefined ? ' takes arguments, but the step has no with' : ''}: ${d.message}`,
      });
    }
  }
  return diagnostics;
}
