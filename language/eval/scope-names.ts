/**
 * The names an expression may start with and the scope functions it may call. The parser checks them at load
 * time; language/eval/scope.ts resolves them at run time.
 */
export const SCOPE_ROOTS = [
  'matrix',
  'env',
  'settings',
  'vars',
  'auth',
  'index',
  'random',
  'time',
  'esb',
] as const;

/**
 * The roots catalogue text (anchor and doc) may read. It is rendered when the catalogue loads, once per matrix
 * expansion and for the ESB revision being loaded, before any environment, setting, var or step exists.
 */
export const TEXT_SCOPE_ROOTS = ['matrix', 'esb'] as const satisfies readonly (typeof SCOPE_ROOTS)[number][];

/** Functions provided by the scope (TemplateScope.call), as `root.name`. */
export const SCOPE_FUNCTIONS = ['random.hex', 'esb.since'] as const;

/** The scope functions catalogue text may call: their answer is known when the catalogue loads. */
export const TEXT_SCOPE_FUNCTIONS = [
  'esb.since',
] as const satisfies readonly (typeof SCOPE_FUNCTIONS)[number][];

/** Property names never followed in a reference, whatever the value: they reach into the JavaScript runtime. */
export const FORBIDDEN_PROPERTIES: ReadonlySet<string> = new Set(['constructor', '__proto__', 'prototype']);

/** The members of the scopes whose names are fixed; matrix, env, settings and vars hold the case's own names. */
export const FIXED_SCOPE_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  auth: ['token'],
  random: ['uuid'],
  time: ['epoch_hex', 'epoch_ms', 'case_start'],
  esb: ['revision', 'commit'],
};

/** The most digits random.hex(n) draws. */
export const MAX_HEX_DIGITS = 1024;
