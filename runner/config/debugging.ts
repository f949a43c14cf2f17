/** Set to 1 to see the stack trace of an internal error instead of one line. */
export const DEBUG_VARIABLE = 'ESB_E2E_DEBUG';

type Env = Readonly<Record<string, string | undefined>>;

/** Whether ESB_E2E_DEBUG asks for stack traces (any value but empty, 0 or false). */
export function debugging(env: Env): boolean {
  const value = env[DEBUG_VARIABLE]?.trim() ?? '';
  return value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
