import { HOOK_TABLE } from '../../../hooks/hook-table.ts';
import { renderValue } from '../../../language/eval/template.ts';
import type { HookStep, JsonValue } from '../../../language/model/steps.ts';
import { observeAndCheck } from '../observe.ts';
import { describeError, type HookEvidence } from '../step-failure.ts';
import type { StepKindEntry } from '../step-kind-entry.ts';
import { untilAborted } from '../until-aborted.ts';

/** A hook that did not finish within its own timeoutSeconds (hooks/hook-types.ts). */
export class HookTimeoutError extends Error {
  constructor(hook: string, seconds: number) {
    super(`hook ${hook} did not finish within ${seconds} s (its timeout, hooks/hook-table.ts)`);
    this.name = 'HookTimeoutError';
  }
}

/**
 * `hook`: runs a registered hook with its rendered `with` and observes the JSON document it returns. A hook that
 * throws counts like a transport error: retry may repeat it and poll treats it as a round that did not hold.
 */
export const hookStep: StepKindEntry<HookStep, 'hook'> = {
  name: 'hook',
  doc: 'Runs a hook of hooks/hook-table.ts with its rendered `with`; its JSON document is observed like a body.',
  properties: {
    // The description names the hooks: the schema generator fills it in from the hook table.
    hook: {
      description:
        'A hook registered in hooks/hook-table.ts: lower-case letters, digits and underscores; it returns a JSON document.',
      type: 'string',
      pattern: '^[a-z][a-z0-9_]*$',
    },
    with: { description: "The hook's arguments, validated against that hook's own schema.", type: 'object' },
  },
  observes: true,
  // The hook's own timeout; a hook the table does not know fails at once.
  boundSeconds: (step) => HOOK_TABLE[step.hook]?.timeoutSeconds ?? 0,
  examples: [
    {
      hook: 'inspect_service',
      with: { service: 'gateway' },
      expect: { assert: [{ path: '$.HostConfig.RestartPolicy.Name', equals: 'unless-stopped' }] },
    },
  ],
  async execute(step, ctx) {
    const { run } = ctx.runtime;
    const hook = run.hooks[step.hook];
    if (hook === undefined) {
      const known = Object.keys(run.hooks).join(', ') || 'none';
      throw new TypeError(
        `no hook named ${step.hook} is registered (known: ${known}); see hooks/hook-table.ts`,
      );
    }
    let evidence: HookEvidence | undefined;
    await observeAndCheck(step, ctx, {
      async attempt(scope) {
        const args = renderValue(step.with ?? {}, scope) as Readonly<Record<string, JsonValue>>;
        evidence = { kind: 'hook', hook: step.hook, args };
        // The hook's own bound, beside the run's (and the case's) signal: a Docker engine or an S3 endpoint that
        // hangs fails this attempt, it does not stall the case.
        const timer = new AbortController();
        const handle = setTimeout(
          () => timer.abort(new HookTimeoutError(step.hook, hook.timeoutSeconds)),
          hook.timeoutSeconds * 1000,
        );
        try {
          ctx.runtime.activity.waitingFor = `hook ${step.hook} to finish`;
          const signal = AbortSignal.any([run.signal, timer.signal]);
          // untilAborted: a hook whose library ignores the signal still ends the attempt when it fires.
          const document = await untilAborted(
            hook.run(args, {
              env: run.env,
              signal,
            }),
            signal,
          );
          evidence = { ...evidence, document };
          return { kind: 'document', body: document };
        } catch (error) {
          // A hook ends an aborted call with whatever error its library makes of the abort: say what happened.
          const failure = timer.signal.aborted && !run.signal.aborted ? timer.signal.reason : error;
          evidence = { ...evidence, error: describeError(failure) };
          throw failure;
        } finally {
          clearTimeout(handle);
        }
      },
      isTransportError: () => !run.signal.aborted,
      evidence: () => evidence,
    });
  },
};
