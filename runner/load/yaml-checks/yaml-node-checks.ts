import { mergeKey } from './merge-key.ts';
import { nonCoreTag } from './non-core-tag.ts';
import { nonStringKey } from './non-string-key.ts';
import { textCharacters } from './text-characters.ts';
import { unsafeNumber } from './unsafe-number.ts';
import type { YamlNodeCheck } from './yaml-node-check.ts';

/** Every check run on every node of a project YAML file; a new one is a file beside these and a line here. */
export const YAML_NODE_CHECKS: readonly YamlNodeCheck[] = [
  nonCoreTag,
  mergeKey,
  nonStringKey,
  unsafeNumber,
  textCharacters,
];
