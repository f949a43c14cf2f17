import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayContext } from './gateway-context.ts';
import { readBody, sendError, sendJson } from './http-io.ts';
import { signToken, verifyToken } from './jwt.ts';
import { validateLoginBody } from './login-validation.ts';

const AUTHORIZED_HEADER = { PADMA_USER_AUTHORIZED: 'true' };

/**
 * POST {AUTH_ENDPOINT_PATH}: x-api-key plus user and password -> an HS256 IdToken (contract §2). As ESB's gateway
 * does, the body is validated first (422 with pydantic's errors, login-validation.ts), then the API key, then the
 * credentials (401).
 */
export async function handleLogin(
  ctx: GatewayContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { credentials } = ctx.config;
  const body = validateLoginBody(await readBody(request), request.headers['content-type']);
  if (!body.ok) return sendJson(response, 422, { message: 'Validation Error', detail: body.detail });
  if (request.headers['x-api-key'] !== credentials.apiKey) return sendError(response, 401, 'Unauthorized');
  if (body.user !== credentials.authUser || body.pass !== credentials.authPass)
    return sendError(response, 401, 'Unauthorized', AUTHORIZED_HEADER);
  const token = signToken(body.user, credentials.jwtSecret, ctx.tokenLifetimeSeconds);
  sendJson(response, 200, { AuthenticationResult: { IdToken: token } }, AUTHORIZED_HEADER);
}

/**
 * The authenticated user of a protected request, or undefined. `Bearer <token>` (scheme case-insensitive)
 * and a bare token are accepted; any other scheme is not.
 */
export function authenticatedUser(ctx: GatewayContext, request: IncomingMessage): string | undefined {
  const header = request.headers.authorization?.trim();
  if (!header) return undefined;
  const [first, second, ...rest] = header.split(/\s+/);
  let token: string | undefined;
  if (second === undefined) token = first;
  else if (rest.length === 0 && first?.toLowerCase() === 'bearer') token = second;
  return token === undefined ? undefined : verifyToken(token, ctx.config.credentials.jwtSecret);
}
