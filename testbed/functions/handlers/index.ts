import type { FunctionHandler } from '../../services/worker/function-context.ts';

/**
 * How a worker gets its one handler. Each handler is loaded on demand, so a worker parses only its own
 * fixture's code (the worker bundle keeps each handler in its own chunk); `usesAws` says whether the worker
 * must also load the AWS SDK clients (the largest part of the bundle) before it answers /health.
 */
export interface HandlerEntry {
  readonly load: () => Promise<FunctionHandler>;
  readonly usesAws: boolean;
}

/** Fixture function name (as in function-catalog.ts) -> its handler; a worker serves exactly one. */
export const FUNCTION_HANDLERS: Readonly<Record<string, HandlerEntry>> = {
  'lambda-echo': { load: async () => (await import('./lambda-echo.ts')).lambdaEcho, usesAws: false },
  'lambda-echo-java': {
    load: async () => (await import('./lambda-echo-java.ts')).lambdaEchoJava,
    usesAws: false,
  },
  'lambda-connectivity': {
    load: async () => (await import('./lambda-connectivity.ts')).lambdaConnectivity,
    usesAws: true,
  },
  'lambda-connectivity-java': {
    load: async () => (await import('./lambda-connectivity-java.ts')).lambdaConnectivityJava,
    usesAws: true,
  },
  'lambda-integration': {
    load: async () => (await import('./lambda-integration.ts')).lambdaIntegration,
    usesAws: false,
  },
  'lambda-dynamo': { load: async () => (await import('./lambda-dynamo.ts')).lambdaDynamo, usesAws: true },
  'lambda-s3': { load: async () => (await import('./lambda-s3.ts')).lambdaS3, usesAws: true },
  'lambda-chaos': { load: async () => (await import('./lambda-chaos.ts')).lambdaChaos, usesAws: false },
  'lambda-scaling': { load: async () => (await import('./lambda-scaling.ts')).lambdaScaling, usesAws: false },
  'lambda-scheduled': {
    load: async () => (await import('./lambda-scheduled.ts')).lambdaScheduled,
    usesAws: true,
  },
  'lambda-image': { load: async () => (await import('./lambda-image.ts')).lambdaImage, usesAws: true },
};
