import type { HookDefinition, HookScope } from '../../hooks/hook-types.ts';
import type { StepSpec } from '../../language/model/steps.ts';
import { walkSteps } from '../../language/model/walk-steps.ts';

/** Every hook name a list of steps uses, nested loop and parallel steps included. */
export function hooksUsed(steps: readonly StepSpec[]): string[] {
  const names = new Set<string>();
  for (const { step } of walkSteps(steps)) if ('hook' in step) names.add(step.hook);
  return [...names];
}

/**
 * Why a case may not run its hooks here, or undefined when it may: a hook outside the read-only scope needs its
 * scope allowed (`esb-e2e run --allow control-plane`).
 */
export function hookScopeProblem(
  steps: readonly StepSpec[],
  hooks: Readonly<Record<string, HookDefinition>>,
  allowed: ReadonlySet<HookScope>,
): string | undefined {
  for (const name of hooksUsed(steps)) {
    const scope = hooks[name]?.scope;
    if (scope !== undefined && scope !== 'read-only' && !allowed.has(scope)) {
      return `uses hook ${name} of scope ${scope}, which is not allowed against this ESB; run with --allow ${scope} to let it change the platform`;
    }
  }
  return undefined;
}
