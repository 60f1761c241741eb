import type { UserId } from '../../core/ids.js';
import { base32Decode } from '../../crypto/base32.js';
import { matchTotp } from '../../crypto/totp.js';
import type { TotpFactor } from '../../store/ports/totp-store.js';
import type { ServiceContext } from '../context.js';
import { readCode } from '../mfa/read-code.js';
import type { SecondFactor } from '../mfa/second-factor.js';

/** The step a code is valid for (not yet used), or null. */
export function matchFactorCode(ctx: ServiceContext, factor: TotpFactor, code: string): number | null {
  const secret = base32Decode(ctx.factorSeal.open(factor.sealedSecret));
  return matchTotp(secret, code, ctx.clock.now(), { lastStep: factor.lastStep });
}

/** A code as typed into an authenticator-app prompt. */
export const readTotpCode = (code: unknown) => readCode(code, 'the authenticator app');

async function activeFactor(ctx: ServiceContext, userId: UserId): Promise<TotpFactor | null> {
  const factor = await ctx.store.totp.find(userId);
  return factor?.status === 'active' ? factor : null;
}

export const totpFactor: SecondFactor = {
  method: 'totp',
  amr: 'otp',
  protects: true,

  async enabled(ctx, userId) {
    return (await activeFactor(ctx, userId)) !== null;
  },

  async verify(ctx, user, proof) {
    const code = readTotpCode(proof.code);
    const factor = await activeFactor(ctx, user.id);
    if (!factor) return false;
    const step = matchFactorCode(ctx, factor, code);
    return step !== null && (await ctx.store.totp.useStep(factor.id, step));
  },

  async summary(ctx, userId) {
    const factor = await activeFactor(ctx, userId);
    return factor ? { activatedAt: new Date(factor.activatedAt ?? factor.createdAt).toISOString() } : null;
  },

  async removeAll(ctx, userId) {
    await ctx.store.totp.remove(userId);
  },
};
