/** Opaque bearer secrets (refresh tokens, later links and PATs): 256 random bits, stored as SHA-256. */
import { createHash } from 'node:crypto';
import type { Random } from '../core/random.js';
import type { TokenHash } from '../core/secrets.js';

/** A new 256-bit random token, base64url (43 characters). */
export function newOpaqueToken<T extends string>(random: Random): T {
  return Buffer.from(random.bytes(32)).toString('base64url') as T;
}

/** SHA-256 of a token, base64url: the only form in which bearer secrets are stored or looked up. */
export function hashToken(token: string): TokenHash {
  return createHash('sha256').update(token).digest('base64url') as TokenHash;
}
