/**
 * The keys an assertion may hold besides its operators, in one place for the checker and the loader's
 * diagnostics: one subject (what is checked) and modifiers (how).
 */
export const SUBJECT_KEYS = ['path', 'header', 'body', 'value'] as const;
export type SubjectKey = (typeof SUBJECT_KEYS)[number];

/** Modifiers; `since` names the first ESB revision the assertion is checked in. */
export const MODIFIER_KEYS = [
  'any',
  'ignore_case',
  'default',
  'parse_json',
  'assert',
  'any_of',
  'since',
] as const;
