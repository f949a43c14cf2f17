import { randomBytes } from 'node:crypto';

/** Credentials generated for one testbed start; never committed, printed only on request. */
export interface TestbedCredentials {
  readonly X_API_KEY: string;
  readonly AUTH_USER: string;
  readonly AUTH_PASS: string;
  readonly JWT_SECRET_KEY: string;
  readonly RUSTFS_ACCESS_KEY: string;
  readonly RUSTFS_SECRET_KEY: string;
}

/** Names whose values are secrets: redacted in every output. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'X_API_KEY',
  'AUTH_PASS',
  'JWT_SECRET_KEY',
  'RUSTFS_SECRET_KEY',
]);

export function generateCredentials(): TestbedCredentials {
  const hex = (bytes: number) => randomBytes(bytes).toString('hex');
  return {
    X_API_KEY: hex(16),
    AUTH_USER: 'esb',
    AUTH_PASS: hex(12),
    JWT_SECRET_KEY: hex(32),
    RUSTFS_ACCESS_KEY: 'esb',
    RUSTFS_SECRET_KEY: hex(16),
  };
}
