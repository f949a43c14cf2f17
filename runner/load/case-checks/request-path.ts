import { asMapping, type CaseNodeCheck } from './case-node-check.ts';

/** A request path is appended to the target's base URL, so it starts with `/` (or with a template that does). */
export const requestPath: CaseNodeCheck = (value, path) => {
  const target = asMapping(value)?.path;
  if (typeof target !== 'string' || target.startsWith('/') || target.startsWith('${')) return [];
  return [
    {
      path: [...path, 'path'],
      code: 'relative-path',
      message: `the request path ${JSON.stringify(target)} does not start with /; it is appended to the base URL as written`,
      fix: `write it from the root: /${target.replace(/^\.?\/*/, '')}`,
    },
  ];
};
