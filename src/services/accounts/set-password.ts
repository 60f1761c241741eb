/**
 * A signed-in user without a password — signed up with a passkey, a provider or a mailed link —
 * gives their account one. A password is a new way in, so, like a factor change, it needs a
 * recent sign-in (403 `REAUTH_REQUIRED`), the user's own session (never an operator's
 * impersonation) and the sign-up rules and breach check. An account that already has a password
 * is refused with 409 `PASSWORD_EXISTS`: replacing one takes the current password
 * (`changePassword`) or a reset link, and of two concurrent calls exactly one succeeds. No
 * session ends — none signed in with a password that did not exist — and outstanding reset links
 * stop working; the account's address gets the usual notice.
 */
import { GatehouseError } from '../../core/errors.js';
import { checkNewPassword } from '../../crypto/password-policy.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { recentSession } from '../mfa/recent-auth.js';
import { notifyPasswordChanged } from '../notices/notices.js';
import { refuseBreachedPassword } from '../passwords/refuse-breached-password.js';
import { newPasswordCredential } from './new-password-credential.js';

export interface SetPasswordInput {
  readonly newPassword: string;
}

/**
 * @example
 * await gatehouse.setPassword(accessToken, { newPassword: 'a long new passphrase' });
 */
export async function setPassword(
  ctx: ServiceContext,
  accessToken: string,
  input: SetPasswordInput,
  client: ClientInfo = {},
): Promise<void> {
  const { user, session } = await recentSession(ctx, accessToken);
  if (await ctx.store.credentials.findActivePassword(user.id)) throw passwordExists();
  checkNewPassword(input.newPassword, { minLength: ctx.settings.passwordMinLength });
  await refuseBreachedPassword(ctx, input.newPassword);
  const now = ctx.clock.now();
  const hash = await ctx.hasher.hash(input.newPassword);
  if (!(await ctx.store.credentials.addPassword(newPasswordCredential(ctx, user.id, hash, null, now)))) {
    throw passwordExists();
  }
  await ctx.store.verificationTokens.voidAll(user.id, now, 'reset_password');
  await ctx.events.emit({
    type: 'password.changed',
    userId: user.id,
    sessionId: session.id,
    client,
    data: { method: 'set' },
  });
  await notifyPasswordChanged(ctx, user);
}

function passwordExists(): GatehouseError {
  return new GatehouseError(
    'PASSWORD_EXISTS',
    'This account already has a password; change it with the current one (changePassword)',
  );
}
