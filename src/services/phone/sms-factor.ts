/**
 * A verified phone as a second factor: a six-digit code sent by text message (`send-sign-in-code.ts`,
 * `send-reauth-code.ts`) and typed back. A code only works for the sign-in or reauthentication
 * it was sent for, and only while it was sent to the number the account has now.
 */
import { maskPhone } from '../../core/phone.js';
import type { SecondFactor } from '../mfa/second-factor.js';
import { readSmsCode, useCode } from './sms-codes.js';

export const smsFactor: SecondFactor = {
  method: 'sms',
  amr: 'sms',
  protects: true,

  async enabled(ctx, userId) {
    return (await ctx.store.phones.find(userId)) !== null;
  },

  async verify(ctx, user, proof, attempt) {
    const code = readSmsCode(proof.code);
    const factor = await ctx.store.phones.find(user.id);
    if (!factor) return false;
    return (await useCode(ctx, user.id, attempt.kind, attempt.id, code, factor.phone)) !== null;
  },

  async summary(ctx, userId) {
    const factor = await ctx.store.phones.find(userId);
    return factor
      ? { phone: maskPhone(factor.phone), verifiedAt: new Date(factor.verifiedAt).toISOString() }
      : null;
  },

  async removeAll(ctx, userId) {
    await ctx.store.phones.remove(userId);
    await ctx.store.smsCodes.removeAll(userId);
  },
};
