/** Builders for the records store tests create, with real ids and sensible defaults. */

import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import type { PasswordCredential, Session, User } from '../../src/core/entities.js';
import { type CredentialId, newId, type UserId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import type { PasswordHash, TokenHash } from '../../src/core/secrets.js';
import type { SigningKeyRecord } from '../../src/store/ports/signing-key-store.js';
import type { Store } from '../../src/store/ports/store.js';

/** The tests' "now". */
export const T0 = Date.UTC(2026, 0, 1);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function aUser(overrides: Partial<User> = {}): User {
  const id = newId('usr', T0, systemRandom);
  return {
    id,
    email: `${id}@example.com`,
    username: null,
    emailVerified: false,
    name: null,
    status: 'active',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function aCredential(userId: UserId, overrides: Partial<PasswordCredential> = {}): PasswordCredential {
  return {
    id: newId('cred', T0, systemRandom),
    userId,
    kind: 'password',
    hash: `$argon2id$v=19$m=19456,t=2,p=1$${randomBytes(8).toString('base64')}` as PasswordHash,
    replaces: null,
    createdAt: T0,
    revokedAt: null,
    ...overrides,
  };
}

export function aSession(
  userId: UserId,
  credentialId: CredentialId | null,
  overrides: Partial<Session> = {},
): Session {
  return {
    id: newId('ses', T0, systemRandom),
    userId,
    credentialId,
    createdAt: T0,
    lastUsedAt: T0,
    idleExpiresAt: T0 + DAY,
    expiresAt: T0 + 30 * DAY,
    ip: '203.0.113.7',
    userAgent: 'vitest',
    revokedAt: null,
    revokedReason: null,
    amr: ['pwd'],
    aal: 1,
    authenticatedAt: T0,
    appId: DEFAULT_APP_ID,
    impersonatorId: null,
    ...overrides,
  };
}

export function aTokenHash(): TokenHash {
  return createHash('sha256').update(randomBytes(32)).digest('base64url') as TokenHash;
}

export function aSigningKey(overrides: Partial<SigningKeyRecord> = {}): SigningKeyRecord {
  return {
    kid: newId('key', T0, systemRandom),
    alg: 'ES256',
    publicJwk: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }),
    sealedPrivateKey: randomBytes(48).toString('base64url'),
    createdAt: T0,
    retiredAt: null,
    ...overrides,
  };
}

/** A stored user with its password credential. */
export async function seedUser(store: Store, overrides: Partial<User> = {}) {
  const user = aUser(overrides);
  const credential = aCredential(user.id);
  await store.users.createWithPassword(user, credential);
  return { user, credential };
}

/** A stored session of `user` and the hash of its first refresh token. */
export async function seedSession(
  store: Store,
  user: User,
  credential: PasswordCredential | null,
  overrides: Partial<Session> = {},
) {
  const session = aSession(user.id, credential?.id ?? null, overrides);
  const token = aTokenHash();
  await store.sessions.create(session, token);
  return { session, token };
}
