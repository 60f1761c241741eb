/**
 * Turns a pending authenticator app on with its first valid code (recent sign-in required, wrong
 * codes under the second-factor lockout). From then on a password alone no longer signs in. The
 * answer carries recovery codes when the user had none, and a new access token: the caller's
 * session is now aal2.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { checkSecondFactorUnderLockout } from '../limits/limits.js';
import { type FactorAdded, factorAdded } from '../mfa/factor-changes.js';
import { recentSession } from '../mfa/recent-auth.js';
import { matchFactorCode, readTotpCode } from './totp-factor.js';

export async function activateTotp(
  ctx: ServiceContext,
  accessToken: string,
  code: unknown,
  client: ClientInfo = {},
): Promise<FactorAdded> {
  const { user, session } = await recentSession(ctx, accessToken);
  const typed = readTotpCode(code);
  const factor = await ctx.store.totp.find(user.id);
  if (factor?.status === 'active') {
    throw new GatehouseError('FACTOR_EXISTS', 'An authenticator app is already set up');
  }
  if (!factor) throw new GatehouseError('NOT_FOUND', 'Start with POST /auth/mfa/totp/enroll');
  const right = await checkSecondFactorUnderLockout(ctx, user.id, async () => {
    const step = matchFactorCode(ctx, factor, typed);
    return step !== null && (await ctx.store.totp.activate(factor.id, step, ctx.clock.now()));
  });
  if (!right) throw new GatehouseError('INVALID_CODE', 'That code is not right; check the app and try again');
  return factorAdded(ctx, user, session, 'totp', 'otp', client);
}
