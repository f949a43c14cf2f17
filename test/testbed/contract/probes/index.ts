import type { ContractProbe } from '../probe-types.ts';
import { agentMetricsProbes } from './agent-metrics.ts';
import { authProbes, healthProbe } from './auth.ts';
import { breakerProbes } from './breaker.ts';
import { chainProbes } from './chain.ts';
import { chaosScalingProbes } from './chaos-scaling.ts';
import { connectivityProbes } from './connectivity.ts';
import { containerMetricsProbes } from './container-metrics.ts';
import { dynamoProbes } from './dynamo.ts';
import { echoProbes } from './echo.ts';
import { imageProbes } from './image.ts';
import { invokeApiProbes } from './invoke-api.ts';
import { logProbes } from './logs.ts';
import { poolProbes } from './pools.ts';
import { routingProbes } from './routing.ts';
import { s3Probes } from './s3.ts';
import { s3LifecycleProbes } from './s3-lifecycle.ts';
import { s3PresignProbes } from './s3-presign.ts';
import { schedulerProbes } from './scheduler.ts';
import { traceProbes } from './trace.ts';
import { victoriaLogsProbes } from './victorialogs.ts';

/**
 * Every contract probe, in run order. Probes run one after another on one stack; the breaker probe comes
 * last because it crashes lambda-chaos and opens its breaker, which every earlier chaos call must not see.
 */
export const CONTRACT_PROBES: readonly ContractProbe[] = [
  healthProbe,
  ...authProbes,
  ...routingProbes,
  ...echoProbes,
  ...connectivityProbes,
  ...chainProbes,
  ...dynamoProbes,
  ...s3Probes,
  ...s3PresignProbes,
  ...chaosScalingProbes,
  ...imageProbes,
  ...invokeApiProbes,
  ...traceProbes,
  ...logProbes,
  ...victoriaLogsProbes,
  ...poolProbes,
  ...containerMetricsProbes,
  ...agentMetricsProbes,
  ...s3LifecycleProbes,
  ...schedulerProbes,
  ...breakerProbes,
];
