/**
 * The successor of a refresh token is derived from it: HMAC-SHA256 under a key derived (HKDF)
 * from the instance secret. So when a spent token comes back within `refreshReuseGrace` (two
 * tabs refreshing at once), the server can hand out the same successor again without ever having
 * stored it — only hashes are stored — and nobody without the secret can compute it.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { RefreshToken } from '../core/secrets.js';

export type RefreshSuccessor = (presented: string) => RefreshToken;

export function refreshSuccessor(secret: string): RefreshSuccessor {
  const key = Buffer.from(hkdfSync('sha256', secret, 'gatehouse', 'refresh-successor', 32));
  return (presented) => createHmac('sha256', key).update(presented).digest('base64url') as RefreshToken;
}
