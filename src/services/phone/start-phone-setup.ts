/**
 * Starts adding a phone (recent sign-in required): the number is checked (E.164) and sent a code
 * bound to this session and this number. Nothing changes on the account until the code comes
 * back (`confirm-phone.ts`); starting again, with the same or another number, voids the code.
 */
import { GatehouseError } from '../../core/errors.js';
import { parsePhone } from '../../core/phone.js';
import type { ServiceContext } from '../context.js';
import { recentSession } from '../mfa/recent-auth.js';
import { type CodeSent, sendCode } from './sms-codes.js';

export async function startPhoneSetup(
  ctx: ServiceContext,
  accessToken: string,
  phone: unknown,
): Promise<CodeSent> {
  const { user, session } = await recentSession(ctx, accessToken);
  const number = parsePhone(phone);
  if (await ctx.store.phones.find(user.id)) {
    throw new GatehouseError('FACTOR_EXISTS', 'A phone is already set up; remove it first');
  }
  return sendCode(ctx, user.id, 'phone_setup', session.id, number);
}
