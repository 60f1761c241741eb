/**
 * Recovery codes as a way to finish a sign-in or reauthenticate when the usual factor is out of
 * reach. Each code works once (the store's conditional update decides between concurrent uses);
 * when few remain the user gets a mail. Codes alone never turn the two-step sign-in on.
 */
import { GatehouseError } from '../../core/errors.js';
import { normalizeRecoveryCode } from '../../crypto/recovery-codes.js';
import { recipientLocale } from '../mail/recipient-locale.js';
import type { SecondFactor } from '../mfa/second-factor.js';
import { mailTime } from '../notices/notices.js';

export const recoveryCodeFactor: SecondFactor = {
  method: 'recovery_code',
  amr: 'rc',
  protects: false,

  async enabled(ctx, userId) {
    return (await ctx.store.recoveryCodes.countUnused(userId)) > 0;
  },

  async verify(ctx, user, proof) {
    if (typeof proof.code !== 'string' || proof.code.length > 64) {
      throw new GatehouseError('VALIDATION_ERROR', 'code must be a recovery code such as ABCD-EFGH-JKMN', {
        issues: [{ path: 'code', message: 'must be a recovery code' }],
      });
    }
    const code = normalizeRecoveryCode(proof.code);
    // A code outside the alphabet cannot be one of ours: wrong, like any other wrong code.
    if (code === null) return false;
    const now = ctx.clock.now();
    if (!(await ctx.store.recoveryCodes.use(user.id, ctx.codeDigest('recovery-code', code), now)))
      return false;
    const remaining = await ctx.store.recoveryCodes.countUnused(user.id);
    await ctx.events.emit({ type: 'mfa.recovery_code_used', userId: user.id, data: { remaining } });
    if (remaining <= ctx.settings.mfa.recoveryCodesLowAt) {
      await ctx.mail.send(
        user.email,
        'recovery-codes-low',
        { remaining: String(remaining), time: mailTime(now) },
        await recipientLocale(ctx, user.id),
      );
    }
    return true;
  },

  async summary(ctx, userId) {
    const remaining = await ctx.store.recoveryCodes.countUnused(userId);
    return { remaining };
  },

  async removeAll(ctx, userId) {
    await ctx.store.recoveryCodes.removeAll(userId);
  },
};
