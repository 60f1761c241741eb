/**
 * Digests of short one-time codes (recovery codes, SMS codes): HMAC-SHA256 under a key derived
 * (HKDF) from the instance secret. A code has far fewer bits than a token — a 6-digit SMS code
 * has 20 — so a plain hash in a leaked database would fall to enumeration at once; without the
 * secret these digests cannot be checked offline at all.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { TokenHash } from '../core/secrets.js';

/** The stored form of a code, for one purpose (a digest for one purpose never matches another's). */
export type CodeDigest = (purpose: 'recovery-code' | 'sms-code' | 'email-code', code: string) => TokenHash;

export function codeDigest(secret: string): CodeDigest {
  const key = Buffer.from(hkdfSync('sha256', secret, 'gatehouse', 'one-time-code', 32));
  return (purpose, code) =>
    createHmac('sha256', key).update(`${purpose}\0${code}`).digest('base64url') as TokenHash;
}
