import { isJsonObject } from './python-values.ts';

/**
 * `requestContext.authorizer["cognito:username"]` of a proxy event: the authenticated user when the gateway
 * routed the call (contract §4.1), `anonymous` for a direct or chained invoke.
 */
export function callerUsername(event: unknown): string {
  if (!isJsonObject(event) || !isJsonObject(event.requestContext)) return 'anonymous';
  const authorizer = event.requestContext.authorizer;
  if (!isJsonObject(authorizer)) return 'anonymous';
  const username = authorizer['cognito:username'];
  return typeof username === 'string' && username.trim() !== '' ? username : 'anonymous';
}
