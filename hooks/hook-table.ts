import { containerShell } from './container-shell.ts';
import { crashService } from './crash-service.ts';
import type { HookDefinition } from './hook-types.ts';
import { inspectService } from './inspect-service.ts';
import { restartService } from './restart-service.ts';
import { s3BucketLifecycle } from './s3-bucket-lifecycle.ts';

/**
 * Every hook, once. Each hook file carries its name, one-line description, `with` schema and an example
 * `with`; the catalogue schema and docs/catalogue-steps.md are generated from this list (npm run docs), and
 * the loader validates each step's `with` against the hook's own schema. Adding a hook: a file and a line here.
 */
export const HOOK_LIST: readonly HookDefinition[] = [
  inspectService,
  restartService,
  crashService,
  s3BucketLifecycle,
  containerShell,
];

/** The hooks by name. */
export const HOOK_TABLE: Readonly<Record<string, HookDefinition>> = Object.fromEntries(
  HOOK_LIST.map((hook) => [hook.name, hook]),
);
