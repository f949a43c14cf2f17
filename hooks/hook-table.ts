import { crashService } from './crash-service.ts';
import type { HookDefinition } from './hook-types.ts';
import { inspectService } from './inspect-service.ts';
import { restartService } from './restart-service.ts';
import { s3BucketLifecycle } from './s3-bucket-lifecycle.ts';

/**
 * Every hook, registered by name. The catalogue schema accepts exactly these names, and the loader validates
 * each step's `with` against the hook's own schema.
 */
export const HOOK_TABLE: Readonly<Record<string, HookDefinition>> = {
  inspect_service: inspectService,
  restart_service: restartService,
  crash_service: crashService,
  s3_bucket_lifecycle: s3BucketLifecycle,
};
