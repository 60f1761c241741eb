/**
 * Sends a code for reauthenticating (`POST /auth/reauthenticate` with method `sms`) to the
 * account's verified phone, bound to the caller's session.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { requireOwnSession } from '../sessions/own-session.js';
import { type CodeSent, sendCode } from './sms-codes.js';

export async function sendReauthCode(ctx: ServiceContext, accessToken: string): Promise<CodeSent> {
  const { user, session } = await getSession(ctx, accessToken);
  requireOwnSession(session);
  const factor = await ctx.store.phones.find(user.id);
  if (!factor) throw new GatehouseError('MFA_METHOD_UNAVAILABLE', 'This account cannot use sms now');
  return sendCode(ctx, user.id, 'reauth', session.id, factor.phone);
}
