import { renderValue } from '../../../language/eval/template.ts';
import type { HookStep, JsonValue } from '../../../language/model/steps.ts';
import { observeAndCheck } from '../observe.ts';
import { describeError, type HookEvidence } from '../step-failure.ts';
import type { StepKindEntry } from '../step-kind-entry.ts';

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
        try {
          const document = await hook.run(args, { env: run.env, signal: run.signal });
          evidence = { ...evidence, document };
          return { kind: 'document', body: document };
        } catch (error) {
          evidence = { ...evidence, error: describeError(error) };
          throw error;
        }
      },
      isTransportError: () => !run.signal.aborted,
      evidence: () => evidence,
    });
  },
};
