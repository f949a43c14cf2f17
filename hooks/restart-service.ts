import type { JsonValue } from '../language/model/steps.ts';
import { noContainerError, projectNameFrom, serviceContainers } from './compose-service.ts';
import { dockerFromEnv } from './docker-from-env.ts';
import { stringArg } from './hook-args.ts';
import type { HookContext, HookDefinition } from './hook-types.ts';

const NAME = 'restart_service';

/**
 * `docker compose -p $PROJECT_NAME restart <service>` (contract §10, STD-015/016): every container of the
 * service, stopped ones included, restarted at once. A manual restart leaves RestartCount as it is. The result
 * mirrors the command's exit code, so a case asserts `$.exit_code` equals 0.
 */
export const restartService: HookDefinition = {
  name: NAME,
  scope: 'control-plane',
  // Docker stops a container within 10 s, then starts it; a loaded engine takes longer.
  timeoutSeconds: 120,
  description: 'docker compose restart of a service: {exit_code, containers} or {exit_code: 1, error}',
  withSchema: {
    type: 'object',
    properties: {
      service: { type: 'string', minLength: 1, description: 'compose service name, e.g. agent' },
    },
    required: ['service'],
    additionalProperties: false,
  },
  exampleWith: { service: 'agent' },
  async run(args: Readonly<Record<string, JsonValue>>, ctx: HookContext): Promise<JsonValue> {
    const selector = { project: projectNameFrom(ctx.env, NAME), service: stringArg(args, 'service', NAME) };
    const docker = await dockerFromEnv(ctx.env);
    try {
      const containers = await serviceContainers(docker, selector, 'all', ctx.signal);
      if (containers.length === 0) throw noContainerError(NAME, selector, 'running or stopped');
      await Promise.all(
        containers.map((c) => docker.getContainer(c.Id).restart({ abortSignal: ctx.signal })),
      );
      return { exit_code: 0, containers: containers.map((c) => c.Id) };
    } catch (error) {
      return { exit_code: 1, error: error instanceof Error ? error.message : String(error) };
    }
  },
};
