import type { JsonValue } from '../language/model/steps.ts';
import { dockerFromEnv } from './docker-from-env.ts';
import { execInContainer } from './exec-in-container.ts';
import { stringArg } from './hook-args.ts';
import type { HookContext, HookDefinition } from './hook-types.ts';

const NAME = 'container_shell';

/**
 * `docker exec <container> sh -lc <command>` in a container named as compose names it (contract §10 at
 * 2026-03-02: the CNI check reads `<PROJECT_NAME>-agent` and `<PROJECT_NAME>-runtime-node`). It runs any
 * command, so it is control-plane: an external ESB must allow it (--allow control-plane). The document is the
 * exit code, the output and its trimmed non-empty lines, for `contains` checks on whole lines.
 */
export const containerShell: HookDefinition = {
  name: NAME,
  scope: 'control-plane',
  // one exec; a missing container or engine fails at once.
  timeoutSeconds: 30,
  description:
    'runs `sh -lc <command>` in a container by name (docker exec): {exit_code, output, lines} (lines trimmed, blank ones left out)',
  withSchema: {
    type: 'object',
    properties: {
      container: {
        type: 'string',
        minLength: 1,
        description: 'container name, e.g. ${settings.project_name}-agent',
      },
      command: {
        type: 'string',
        minLength: 1,
        description: 'a shell command line, e.g. iptables -S FORWARD',
      },
    },
    required: ['container', 'command'],
    additionalProperties: false,
  },
  exampleWith: { container: 'esb-e2e-containerd-runtime-node', command: 'iptables -S FORWARD' },
  async run(args: Readonly<Record<string, JsonValue>>, ctx: HookContext): Promise<JsonValue> {
    const container = stringArg(args, 'container', NAME);
    const command = stringArg(args, 'command', NAME);
    const docker = await dockerFromEnv(ctx.env);
    let result: { exitCode: number; output: string };
    try {
      result = await execInContainer(docker, container, ['sh', '-lc', command], ctx.signal);
    } catch (error) {
      // As `docker exec` failing before the command ran (no such container, engine unreachable): a non-zero
      // exit with Docker's message as the output, so a poll can wait for the container to appear.
      if (ctx.signal.aborted) throw error;
      result = { exitCode: 1, output: error instanceof Error ? error.message : String(error) };
    }
    const lines = result.output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    return { exit_code: result.exitCode, output: result.output, lines };
  },
};
