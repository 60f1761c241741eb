/**
 * WebAuthnChallengeStore on Kysely: a conditional UPDATE on `used_at` (with the binding and the
 * expiry in the same WHERE) spends a challenge, so of concurrent uses exactly one matches a row.
 */
import type { WebAuthnChallengeStore } from '../ports/webauthn-challenge-store.js';
import type { StoreContext } from './context.js';

export function kyselyWebAuthnChallengeStore(ctx: StoreContext): WebAuthnChallengeStore {
  const { db } = ctx;
  return {
    async create(challenge) {
      await db
        .insertInto('webauthn_challenges')
        .values({
          id: challenge.id,
          digest: challenge.digest,
          purpose: challenge.purpose,
          user_id: challenge.userId,
          bound_to: challenge.boundTo,
          created_at: challenge.createdAt,
          expires_at: challenge.expiresAt,
          used_at: null,
        })
        .execute();
    },

    async consume(digest, binding, now) {
      const result = await db
        .updateTable('webauthn_challenges')
        .set({ used_at: now })
        .where('digest', '=', digest)
        .where('purpose', '=', binding.purpose)
        .where((eb) =>
          binding.userId === null ? eb('user_id', 'is', null) : eb('user_id', '=', binding.userId),
        )
        .where((eb) =>
          binding.boundTo === null ? eb('bound_to', 'is', null) : eb('bound_to', '=', binding.boundTo),
        )
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
