/**
 * The names an expression may start with and the scope functions it may call. The parser checks them at load
 * time; runner/eval/scope.ts resolves them at run time.
 */
export const SCOPE_ROOTS = ['matrix', 'env', 'settings', 'vars', 'auth', 'index', 'random', 'time'] as const;

/** Functions provided by the scope (TemplateScope.call), as `root.name`. */
export const SCOPE_FUNCTIONS = ['random.hex'] as const;

/** Property names never followed in a reference, whatever the value: they reach into the JavaScript runtime. */
export const FORBIDDEN_PROPERTIES: ReadonlySet<string> = new Set(['constructor', '__proto__', 'prototype']);
