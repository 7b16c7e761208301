import { createHash, randomBytes } from 'node:crypto';

/** The secret of a one-time link (invitation, verification, password reset, address change, ...): 256 random bits. */
export function newOneTimeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How a one-time token is stored and looked up: its SHA-256, never the token itself. */
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
