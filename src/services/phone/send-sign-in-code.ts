/**
 * Sends the code that finishes a pending sign-in (`POST /auth/mfa/verify` with method `sms`):
 * only to the account's verified phone, and bound to this pending sign-in — a code works for no
 * other sign-in, earlier or later.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { invalidMfaToken, readPendingSignIn } from '../mfa/pending-sign-in.js';
import { type CodeSent, sendCode } from './sms-codes.js';

export async function sendSignInCode(
  ctx: ServiceContext,
  mfaToken: unknown,
  client: ClientInfo = {},
): Promise<CodeSent> {
  const pending = await readPendingSignIn(ctx, mfaToken, client);
  const user = await ctx.store.users.findById(pending.userId);
  if (user?.status !== 'active') throw invalidMfaToken();
  const factor = await ctx.store.phones.find(user.id);
  if (!factor) throw new GatehouseError('MFA_METHOD_UNAVAILABLE', 'This account cannot use sms now');
  return sendCode(ctx, user.id, 'sign_in', pending.id, factor.phone);
}
