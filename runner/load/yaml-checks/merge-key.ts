import { yamlPackage } from '../lazy-packages.ts';
import type { YamlNodeCheck } from './yaml-node-check.ts';

/** `<<: *base` merges mappings in YAML 1.1 only; under the core schema it is an ordinary key named '<<'. */
export const mergeKey: YamlNodeCheck = (node, role) => {
  if (role !== 'key' || !yamlPackage().isScalar(node) || node.value !== '<<' || node.type !== 'PLAIN')
    return undefined;
  return {
    code: 'merge-key',
    message: "'<<' merge keys are a YAML 1.1 feature; under the core schema '<<' would be an ordinary key",
    fix: 'write the keys out in this mapping, or use an alias for the whole value (key: *anchor)',
  };
};
