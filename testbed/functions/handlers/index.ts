import type { FunctionHandler } from '../../services/worker/function-context.ts';
import { lambdaChaos } from './lambda-chaos.ts';
import { lambdaConnectivity } from './lambda-connectivity.ts';
import { lambdaConnectivityJava } from './lambda-connectivity-java.ts';
import { lambdaDynamo } from './lambda-dynamo.ts';
import { lambdaEcho } from './lambda-echo.ts';
import { lambdaEchoJava } from './lambda-echo-java.ts';
import { lambdaImage } from './lambda-image.ts';
import { lambdaIntegration } from './lambda-integration.ts';
import { lambdaS3 } from './lambda-s3.ts';
import { lambdaScaling } from './lambda-scaling.ts';
import { lambdaScheduled } from './lambda-scheduled.ts';

/** Fixture function name (as in function-catalog.ts) -> its handler; a worker serves exactly one. */
export const FUNCTION_HANDLERS: Readonly<Record<string, FunctionHandler>> = {
  'lambda-echo': lambdaEcho,
  'lambda-echo-java': lambdaEchoJava,
  'lambda-connectivity': lambdaConnectivity,
  'lambda-connectivity-java': lambdaConnectivityJava,
  'lambda-integration': lambdaIntegration,
  'lambda-dynamo': lambdaDynamo,
  'lambda-s3': lambdaS3,
  'lambda-chaos': lambdaChaos,
  'lambda-scaling': lambdaScaling,
  'lambda-scheduled': lambdaScheduled,
  'lambda-image': lambdaImage,
};
