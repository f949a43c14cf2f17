import type { YamlNodeCheck } from './yaml-node-check.ts';

const STANDARD_PREFIX = 'tag:yaml.org,2002:';
/** The tags of YAML's core schema: what JSON can hold. */
const CORE_TAGS: ReadonlySet<string> = new Set(['str', 'int', 'float', 'bool', 'null', 'seq', 'map']);

/**
 * `!!binary`, `!!set`, `!!timestamp`, `!!omap` and the other YAML 1.1 types are standard tags outside the core
 * schema: the YAML library still turns them into bytes, empty objects or dates, which no request should send.
 */
export const nonCoreTag: YamlNodeCheck = (node) => {
  const tag = (node as { tag?: string }).tag;
  if (tag === undefined || !tag.startsWith(STANDARD_PREFIX)) return undefined;
  const name = tag.slice(STANDARD_PREFIX.length);
  if (CORE_TAGS.has(name)) return undefined;
  return {
    code: 'non-core-tag',
    message: `the tag !!${name} is not part of YAML's core schema; catalogue values are text, numbers, booleans, null, lists and mappings`,
    fix: `remove !!${name} and write the value as plain YAML (binary data or a date as quoted text, a set as a list)`,
  };
};
