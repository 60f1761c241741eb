/**
 * A new set of recovery codes for the signed-in user (recent sign-in required): the old set
 * stops working at once, the new one is shown this once, and the owner gets a notice.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { notify } from '../mfa/factor-changes.js';
import { enabledMethods } from '../mfa/methods.js';
import { recentSession } from '../mfa/recent-auth.js';
import { issueRecoveryCodes } from './issue-recovery-codes.js';

export async function regenerateRecoveryCodes(
  ctx: ServiceContext,
  accessToken: string,
  client: ClientInfo = {},
): Promise<{ recoveryCodes: string[] }> {
  const { user } = await recentSession(ctx, accessToken);
  if ((await enabledMethods(ctx, user.id)).length === 0) {
    throw new GatehouseError('MFA_NOT_ENABLED', 'Set up an authenticator app, passkey or phone first');
  }
  const recoveryCodes = await issueRecoveryCodes(ctx, user, client);
  await notify(ctx, user, 'mfa-factor-added', 'recovery_code');
  return { recoveryCodes };
}
