import { SUBJECT_KEYS as ASSERTION_SUBJECT_KEYS } from '../../../assertions/assertion-keys.ts';
import { asMapping, type CaseNodeCheck, SPEC } from './case-node-check.ts';

/**
 * An assertion reads one subject; without one it has nothing to check, unless it is `any_of` alone (whose
 * lists read the current document). The runner would fail it at run time.
 */
export const assertionSubject: CaseNodeCheck = (value, path) => {
  const assertion = asMapping(value);
  if (assertion === undefined) return [];
  const keys = Object.keys(assertion);
  if (keys.some((k) => (ASSERTION_SUBJECT_KEYS as readonly string[]).includes(k))) return [];
  if (keys.length === 1 && keys[0] === 'any_of') return [];
  return [
    {
      path,
      code: 'missing-subject',
      message: `this assertion (${keys.join(', ')}) names no subject, so it has nothing to check`,
      fix: `add one subject: path: $.<field>, header: <name>, body: raw or value: <template>; or keep any_of alone (${SPEC})`,
    },
  ];
};
