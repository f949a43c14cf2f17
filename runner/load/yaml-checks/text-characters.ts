import { yamlPackage } from '../lazy-packages.ts';
import type { YamlNodeCheck } from './yaml-node-check.ts';

/** A UTF-16 surrogate without its partner: text that no UTF-8 file, request or document can hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text written with escapes must still be text: "\0" would put a NUL into requests and the coverage document,
 * and "\uD800" alone cannot be encoded as UTF-8 (it would arrive as U+FFFD).
 */
export const textCharacters: YamlNodeCheck = (node) => {
  if (!yamlPackage().isScalar(node) || typeof node.value !== 'string') return undefined;
  if (node.value.includes('\0')) {
    return {
      code: 'nul-character',
      message: 'this text holds a NUL character (U+0000, written \\0 or \\x00 or \\u0000)',
      fix: 'remove the NUL character; catalogue text is plain UTF-8',
    };
  }
  if (LONE_SURROGATE.test(node.value)) {
    return {
      code: 'lone-surrogate',
      message:
        'this text holds half of a UTF-16 surrogate pair (an escape such as \\uD800 alone), which is not a character',
      fix: 'write the character itself, or escape it whole as \\U0001F600 (eight hex digits)',
    };
  }
  return undefined;
};
