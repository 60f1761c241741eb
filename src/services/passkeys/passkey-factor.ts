/**
 * Passkeys as a second factor (after a password) and for reauthentication: the assertion must
 * name one of the user's own passkeys and carry a challenge issued for this very attempt — the
 * pending sign-in (`POST /auth/mfa/passkey/options`) or the reauthenticating session
 * (`POST /auth/reauthenticate/passkey/options`) — which it spends. Refusals, a regressed
 * signature counter included, are audited (see `check-assertion.ts` for the counter policy).
 */
import { GatehouseError } from '../../core/errors.js';
import type { SecondFactor } from '../mfa/second-factor.js';
import { checkAssertion } from './check-assertion.js';

export const passkeyFactor: SecondFactor = {
  method: 'passkey',
  amr: 'hwk',
  protects: true,

  async enabled(ctx, userId) {
    return (await ctx.store.passkeys.countForUser(userId)) > 0;
  },

  async verify(ctx, user, proof, attempt, client) {
    if (proof.assertion === undefined) {
      throw new GatehouseError('VALIDATION_ERROR', 'assertion is required with method passkey', {
        issues: [
          { path: 'assertion', message: 'must be PublicKeyCredential JSON from navigator.credentials.get()' },
        ],
      });
    }
    const purpose = attempt.kind === 'sign_in' ? 'second_factor' : 'reauth';
    const check = await checkAssertion(
      ctx,
      {
        response: proof.assertion,
        field: 'assertion',
        binding: { purpose, userId: user.id, boundTo: attempt.id },
        owner: user.id,
        during: purpose,
      },
      client,
    );
    return check.ok;
  },

  async summary(ctx, userId) {
    const count = await ctx.store.passkeys.countForUser(userId);
    return count > 0 ? { count } : null;
  },

  async removeAll(ctx, userId) {
    await ctx.store.passkeys.removeAll(userId);
  },
};
