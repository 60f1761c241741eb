/**
 * An authenticator app (TOTP, RFC 6238) as a second factor: 30-second steps, one step of drift
 * either way, SHA-1, six digits. A code works once: the accepted step is recorded with a
 * compare-and-set, so that step and earlier ones are refused afterwards — also when two
 * requests bring the same code at the same moment (exactly one wins).
 */
import { GatehouseError } from '../../core/errors.js';
import type { UserId } from '../../core/ids.js';
import { base32Decode } from '../../crypto/base32.js';
import { matchTotp } from '../../crypto/totp.js';
import type { TotpFactor } from '../../store/ports/totp-store.js';
import type { ServiceContext } from '../context.js';
import type { SecondFactor } from '../mfa/second-factor.js';

/** The step a code is valid for (not yet used), or null. */
export function matchFactorCode(ctx: ServiceContext, factor: TotpFactor, code: string): number | null {
  const secret = base32Decode(ctx.factorSeal.open(factor.sealedSecret));
  return matchTotp(secret, code, ctx.clock.now(), { lastStep: factor.lastStep });
}

/** A code as typed: six digits, spaces allowed (apps show `123 456`). */
export function readTotpCode(code: unknown): string {
  if (typeof code !== 'string' || code.length > 16) {
    throw new GatehouseError('VALIDATION_ERROR', 'code must be the 6-digit code from the authenticator app', {
      issues: [{ path: 'code', message: 'must be a 6-digit code' }],
    });
  }
  return code.replace(/\s+/g, '');
}

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
