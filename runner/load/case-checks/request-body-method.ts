import { asMapping, type CaseNodeCheck } from './case-node-check.ts';

const WITHOUT_BODY = ['GET', 'HEAD'];

/** A GET or HEAD request cannot carry a body: the HTTP client refuses to send it, so the step could only fail. */
export const requestBodyMethod: CaseNodeCheck = (value, path) => {
  const request = asMapping(value);
  const method = request?.method;
  if (typeof method !== 'string' || !WITHOUT_BODY.includes(method)) return [];
  const body = ['json', 'text'].find((key) => request?.[key] !== undefined);
  if (body === undefined) return [];
  return [
    {
      path: [...path, 'method'],
      code: 'body-with-get',
      message: `a ${method} request cannot carry a body, but this one has ${body}`,
      fix: `remove method: ${method} (a request with a body defaults to POST), or remove ${body}`,
    },
  ];
};
