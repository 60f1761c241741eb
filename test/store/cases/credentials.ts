/** Contract: CredentialStore. */
import { expect, it } from 'vitest';
import type { PasswordHash } from '../../../src/core/secrets.js';
import { aCredential, aUser, HOUR, seedSession, seedUser, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

export function credentialCases({ store }: ContractContext): void {
  it('finds no password for an unknown user', async () => {
    expect(await store().credentials.findActivePassword(aUser().id)).toBeNull();
  });

  it('updates the hash of a live credential', async () => {
    const { user, credential } = await seedUser(store());
    const rehashed = '$argon2id$v=19$m=65536,t=3,p=1$stronger' as PasswordHash;
    await store().credentials.updatePasswordHash(credential.id, rehashed);
    expect(await store().credentials.findActivePassword(user.id)).toEqual({ ...credential, hash: rehashed });
  });

  it('rotates a password: revokes the old, stores the next, ends sessions bound to the old', async () => {
    const { user, credential } = await seedUser(store());
    const bound = await seedSession(store(), user, credential);
    const unbound = await seedSession(store(), user, null);
    const now = T0 + HOUR;
    const next = aCredential(user.id, { replaces: credential.id, createdAt: now });

    expect(await store().credentials.rotatePassword(credential.id, next, now)).toBe(true);
    expect(await store().credentials.findActivePassword(user.id)).toEqual(next);
    expect((await store().sessions.findWithUser(bound.session.id))?.session).toMatchObject({
      revokedAt: now,
      revokedReason: 'credential_rotated',
    });
    expect((await store().sessions.findWithUser(unbound.session.id))?.session.revokedAt).toBeNull();
  });

  it('refuses to rotate a credential that is no longer live, changing nothing', async () => {
    const { user, credential } = await seedUser(store());
    const first = aCredential(user.id, { replaces: credential.id });
    expect(await store().credentials.rotatePassword(credential.id, first, T0 + 1)).toBe(true);
    const stale = aCredential(user.id, { replaces: credential.id });
    expect(await store().credentials.rotatePassword(credential.id, stale, T0 + 2)).toBe(false);
    expect(await store().credentials.findActivePassword(user.id)).toEqual(first);
    // A hash update of a revoked credential does nothing either.
    await store().credentials.updatePasswordHash(credential.id, 'ignored' as PasswordHash);
    expect(await store().credentials.findActivePassword(user.id)).toEqual(first);
  });

  it('lets exactly one of two concurrent rotations of one credential succeed', async () => {
    const { user, credential } = await seedUser(store());
    const candidates = [1, 2].map(() => aCredential(user.id, { replaces: credential.id, createdAt: T0 + 1 }));
    const { values, errors } = await settle(
      candidates.map((next) => store().credentials.rotatePassword(credential.id, next, T0 + 1)),
    );
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(1);
    const winner = candidates[values.indexOf(true)];
    expect(await store().credentials.findActivePassword(user.id)).toEqual(winner);
  });

  it('addPassword stores a first password, and refuses a second live one', async () => {
    const user = aUser();
    await store().users.create(user);
    expect(await store().credentials.findActivePassword(user.id)).toBeNull();
    const first = aCredential(user.id);
    expect(await store().credentials.addPassword(first)).toBe(true);
    expect(await store().credentials.findActivePassword(user.id)).toEqual(first);
    expect(await store().credentials.addPassword(aCredential(user.id))).toBe(false);
    expect(await store().credentials.findActivePassword(user.id)).toEqual(first);
    // Rotation still works under the one-live-password rule.
    const next = aCredential(user.id, { replaces: first.id, createdAt: T0 + 1 });
    expect(await store().credentials.rotatePassword(first.id, next, T0 + 1)).toBe(true);
    expect(await store().credentials.findActivePassword(user.id)).toEqual(next);
  });

  it('of ten concurrent addPassword calls for one user exactly one stores', async () => {
    const user = aUser();
    await store().users.create(user);
    const candidates = Array.from({ length: 10 }, () => aCredential(user.id));
    const { values, errors } = await settle(candidates.map((c) => store().credentials.addPassword(c)));
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(1);
    expect(await store().credentials.listForUser(user.id)).toHaveLength(1);
  });
}
