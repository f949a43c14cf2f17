import { createHmac, timingSafeEqual } from 'node:crypto';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs an HS256 JWT with claims sub, iat and exp (contract §2). */
export function signToken(
  subject: string,
  secret: string,
  lifetimeSeconds: number,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: subject, iat, exp: iat + lifetimeSeconds })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/**
 * The subject of a valid HS256 token, or undefined. As ESB's gateway (PyJWT) decides: the signature, the
 * algorithm, a `sub` that is a non-empty string, an `exp` not past, and an `nbf` or `iat` not in the future.
 */
export function verifyToken(token: string, secret: string, now = Date.now()): string | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      sub?: unknown;
      exp?: unknown;
      nbf?: unknown;
      iat?: unknown;
    };
    if (head.alg !== 'HS256' || typeof claims.sub !== 'string' || claims.sub === '') return undefined;
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) return undefined;
    if (typeof claims.nbf === 'number' && claims.nbf * 1000 > now) return undefined;
    if (typeof claims.iat === 'number' && claims.iat * 1000 > now) return undefined;
    return claims.sub;
  } catch {
    return undefined;
  }
}
