import type { JsonValue } from '../language/model/steps.ts';

/**
 * The loader checks `with` against the hook's schema before templates are rendered; this checks the rendered
 * value the hook actually receives.
 */
export function stringArg(args: Readonly<Record<string, JsonValue>>, key: string, hook: string): string {
  const value = args[key];
  if (typeof value !== 'string' || value === '')
    throw new Error(
      `hook ${hook}: 'with.${key}' must be a non-empty string, got ${JSON.stringify(value ?? null)}`,
    );
  return value;
}
