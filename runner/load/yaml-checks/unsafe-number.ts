import { yamlPackage } from '../lazy-packages.ts';
import type { YamlNodeCheck } from './yaml-node-check.ts';

/**
 * Numbers must survive the trip to JSON unchanged: .inf, .nan and literals too large for a double become null
 * or Infinity, and whole numbers past 2^53 - 1 lose digits.
 */
export const unsafeNumber: YamlNodeCheck = (node) => {
  if (!yamlPackage().isScalar(node) || typeof node.value !== 'number') return undefined;
  const source = node.source ?? String(node.value);
  if (!Number.isFinite(node.value)) {
    return {
      code: 'unsafe-number',
      message: `${source} is not a finite number; JSON has no infinity or NaN`,
      fix: 'write a finite number, or quote the value to keep it as text',
    };
  }
  if (Number.isInteger(node.value) && !Number.isSafeInteger(node.value) && !/[.eE]/.test(source)) {
    return {
      code: 'unsafe-number',
      message: `the whole number ${source} is beyond ±${Number.MAX_SAFE_INTEGER} and would lose digits (it reads as ${node.value})`,
      fix: `quote it to send it as text ('${source}'), or use a smaller number`,
    };
  }
  return undefined;
};
