import type { ServiceConfig } from '../../shared/service-env.ts';
import type { AwsClients } from './aws-clients-type.ts';

/**
 * The clients a worker hands its fixture. A worker whose handler entry (functions/handlers/index.ts) uses no
 * AWS service never loads the SDK, the largest part of the worker bundle; a fixture that reaches for a client
 * anyway gets an error that names the entry to fix.
 */
export async function awsClientsFor(
  functionName: string,
  usesAws: boolean,
  config: ServiceConfig,
): Promise<AwsClients> {
  if (usesAws) return (await import('./aws-sdk-clients.ts')).createAwsClients(config);
  const refuse = (): never => {
    throw new Error(
      `${functionName} uses an AWS client, but its entry in testbed/functions/handlers/index.ts says usesAws: false`,
    );
  };
  return {
    get dynamoDb() {
      return refuse();
    },
    get s3() {
      return refuse();
    },
    destroy() {},
  };
}
