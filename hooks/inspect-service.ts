import type { JsonValue } from '../language/model/steps.ts';
import { noContainerError, projectNameFrom, serviceContainers } from './compose-service.ts';
import { dockerFromEnv } from './docker-from-env.ts';
import { stringArg } from './hook-args.ts';
import type { HookContext, HookDefinition } from './hook-types.ts';
import { toPlainJson } from './plain-json.ts';

const NAME = 'inspect_service';

/**
 * `docker inspect` of the service's container, resolved like `docker compose -p $PROJECT_NAME ps -q <service>`
 * (contract §10, RST-001). When no container is running, the first stopped one is inspected instead, so a poll
 * waiting for a crashed container to come back reads its State rather than failing on the lookup.
 */
export const inspectService: HookDefinition = {
  name: NAME,
  scope: 'control-plane',
  // two container lists and an inspect.
  timeoutSeconds: 30,
  description:
    "docker inspect of a compose service's container (HostConfig.RestartPolicy, State.Status, State.StartedAt, RestartCount)",
  withSchema: {
    type: 'object',
    properties: {
      service: { type: 'string', minLength: 1, description: 'compose service name, e.g. gateway' },
    },
    required: ['service'],
    additionalProperties: false,
  },
  exampleWith: { service: 'gateway' },
  async run(args: Readonly<Record<string, JsonValue>>, ctx: HookContext): Promise<JsonValue> {
    const selector = { project: projectNameFrom(ctx.env, NAME), service: stringArg(args, 'service', NAME) };
    const docker = await dockerFromEnv(ctx.env);
    const [found] = [
      ...(await serviceContainers(docker, selector, 'running', ctx.signal)),
      ...(await serviceContainers(docker, selector, 'all', ctx.signal)),
    ];
    if (found === undefined) throw noContainerError(NAME, selector, 'running or stopped');
    return toPlainJson(await docker.getContainer(found.Id).inspect({ abortSignal: ctx.signal }));
  },
};
