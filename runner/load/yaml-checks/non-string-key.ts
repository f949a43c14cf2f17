import { yamlPackage } from '../lazy-packages.ts';
import type { YamlNodeCheck } from './yaml-node-check.ts';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/**
 * Mapping keys are text: JSON has no other keys, and the YAML library would turn `1`, `true` or `null` into the
 * text '1', 'true' or '' (and a list into its YAML text) without a word.
 */
export const nonStringKey: YamlNodeCheck = (node, role) => {
  if (role !== 'key') return undefined;
  if (yamlPackage().isCollection(node)) {
    return {
      code: 'non-string-key',
      message: `this key is ${yamlPackage().isSeq(node) ? 'a list' : 'a mapping'}; mapping keys must be text`,
      fix: 'write the key as text (a complex key written with ? is not allowed)',
    };
  }
  if (!yamlPackage().isScalar(node) || typeof node.value === 'string') return undefined;
  const source = node.source ?? String(node.value);
  return {
    code: 'non-string-key',
    message: `the key ${source} is read as ${kindOf(node.value)}, not as text; mapping keys must be text`,
    fix: `quote it: '${source}'`,
  };
};
