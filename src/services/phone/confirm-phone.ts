/**
 * Finishes adding a phone with the code sent to it (recent sign-in required, wrong codes under
 * the second-factor lockout). The number becomes the account's SMS factor — from then on a
 * password alone no longer signs in — and, as for every new factor, the answer carries recovery
 * codes when the user had none and an access token for the session, now aal2.
 */
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { maskPhone } from '../../core/phone.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { checkSecondFactorUnderLockout } from '../limits/limits.js';
import { type FactorAdded, factorAdded } from '../mfa/factor-changes.js';
import { recentSession } from '../mfa/recent-auth.js';
import { readSmsCode, useCode } from './sms-codes.js';

export async function confirmPhone(
  ctx: ServiceContext,
  accessToken: string,
  code: unknown,
  client: ClientInfo = {},
): Promise<FactorAdded> {
  const { user, session } = await recentSession(ctx, accessToken);
  const typed = readSmsCode(code);
  const exists = () => new GatehouseError('FACTOR_EXISTS', 'A phone is already set up');
  if (await ctx.store.phones.find(user.id)) throw exists();
  if (!(await ctx.store.smsCodes.latest(user.id, 'phone_setup', session.id))) {
    throw new GatehouseError('NOT_FOUND', 'Start with POST /auth/phone/start');
  }
  // Widened so the assignment inside the callback is not narrowed away.
  let phone = null as string | null;
  await checkSecondFactorUnderLockout(ctx, user.id, async () => {
    phone = await useCode(ctx, user.id, 'phone_setup', session.id, typed);
    return phone !== null;
  });
  if (phone === null) {
    throw new GatehouseError('INVALID_CODE', 'That code is not right, or has expired; ask for a new one');
  }
  const now = ctx.clock.now();
  const added = await ctx.store.phones.add({
    id: newId('mfa', now, ctx.random),
    userId: user.id,
    phone,
    createdAt: now,
    verifiedAt: now,
  });
  if (!added) throw exists();
  await ctx.events.emit({
    type: 'phone.verified',
    userId: user.id,
    sessionId: session.id,
    client,
    data: { phone: maskPhone(phone) },
  });
  return factorAdded(ctx, user, session, 'sms', 'sms', client);
}
