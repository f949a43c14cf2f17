import type { JsonValue } from '../language/model/steps.ts';
import { noContainerError, projectNameFrom, serviceContainers } from './compose-service.ts';
import { crashCommand } from './crash-script.ts';
import { dockerFromEnv } from './docker-from-env.ts';
import { execInContainer } from './exec-in-container.ts';
import { stringArg } from './hook-args.ts';
import type { HookContext, HookDefinition } from './hook-types.ts';

const NAME = 'crash_service';

/**
 * Crashes a service's main process with SIGTERM from inside its running container (contract §10, RST-001):
 * `process: pid1` signals PID 1, any other value the first process whose comm is exactly that name. Docker's
 * restart policy then decides whether the container comes back; the hook only reports the exec's result.
 */
export const crashService: HookDefinition = {
  name: NAME,
  scope: 'control-plane',
  // a list and an exec in the container.
  timeoutSeconds: 60,
  description: "SIGTERM to PID 1 or to a named process inside a service's container: {exit_code, output}",
  withSchema: {
    type: 'object',
    properties: {
      service: { type: 'string', minLength: 1, description: 'compose service name, e.g. gateway' },
      process: {
        type: 'string',
        minLength: 1,
        description: "'pid1', or the exact comm name of the process to signal (e.g. agent)",
      },
    },
    required: ['service', 'process'],
    additionalProperties: false,
  },
  exampleWith: { service: 'agent', process: 'agent' },
  async run(args: Readonly<Record<string, JsonValue>>, ctx: HookContext): Promise<JsonValue> {
    const selector = { project: projectNameFrom(ctx.env, NAME), service: stringArg(args, 'service', NAME) };
    const target = stringArg(args, 'process', NAME);
    const docker = await dockerFromEnv(ctx.env);
    const [running] = await serviceContainers(docker, selector, 'running', ctx.signal);
    if (running === undefined) throw noContainerError(NAME, selector, 'running');
    try {
      const result = await execInContainer(docker, running.Id, crashCommand(target), ctx.signal);
      return { exit_code: result.exitCode, output: result.output };
    } catch (error) {
      // Like `docker exec` failing before the command ran: a non-zero exit with Docker's message as output.
      return { exit_code: 1, output: error instanceof Error ? error.message : String(error) };
    }
  },
};
