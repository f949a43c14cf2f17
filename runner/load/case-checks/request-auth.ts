import { asMapping, type CaseNodeCheck } from './case-node-check.ts';

/** `auth: token` sends the login token, which only the auth fixture obtains. */
export const requestAuth: CaseNodeCheck = (value, path, { fixture }) => {
  if (asMapping(value)?.auth !== 'token' || fixture === 'auth') return [];
  return [
    {
      path: [...path, 'auth'],
      code: 'token-without-login',
      message: `auth: token needs a login, but the case's fixture is ${fixture}`,
      fix: 'give the case fixture: auth (the default), or write auth: none',
    },
  ];
};
