/**
 * A signed-in user changes their password. The current password is required; afterwards every
 * session that signed in with the old password ends — the caller's included — and the caller
 * gets a fresh session with new tokens (a new session id after a credential change, so a
 * stolen old one is worth nothing). Outstanding reset links stop working, and the account's
 * address gets a notice.
 */
import { GatehouseError } from '../../core/errors.js';
import { checkNewPassword, checkPasswordShape } from '../../crypto/password-policy.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { voidPendingEmailChange } from '../email-change/void-pending-change.js';
import { notifyPasswordChanged } from '../notices/notices.js';
import { refuseBreachedPassword } from '../passwords/refuse-breached-password.js';
import { getSession } from '../sessions/get-session.js';
import { requireOwnSession } from '../sessions/own-session.js';
import { startSession } from '../sessions/start-session.js';
import type { AuthResult } from '../views.js';
import { confirmPassword } from './confirm-password.js';
import { newPasswordCredential } from './new-password-credential.js';

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
}

export async function changePassword(
  ctx: ServiceContext,
  accessToken: string,
  input: ChangePasswordInput,
  client: ClientInfo = {},
): Promise<AuthResult> {
  const { user, session } = await getSession(ctx, accessToken);
  requireOwnSession(session);
  checkPasswordShape(input.currentPassword);
  checkNewPassword(input.newPassword, { minLength: ctx.settings.passwordMinLength });
  // Re-authentication first: the breach check may call out (and fail closed); a wrong current
  // password must get its own answer and count toward the lockout whatever HIBP does.
  const current = await confirmPassword(ctx, user, input.currentPassword, client);
  await refuseBreachedPassword(ctx, input.newPassword);
  const now = ctx.clock.now();
  const next = newPasswordCredential(ctx, user.id, await ctx.hasher.hash(input.newPassword), current.id, now);
  if (!(await ctx.store.credentials.rotatePassword(current.id, next, now))) {
    throw new GatehouseError('WRONG_PASSWORD', 'The password changed meanwhile; try again');
  }
  await ctx.store.verificationTokens.voidAll(user.id, now, 'reset_password');
  await voidPendingEmailChange(ctx, user.id, now);
  await ctx.events.emit({ type: 'password.changed', userId: user.id, client, data: { method: 'change' } });
  await notifyPasswordChanged(ctx, user);
  // The new session keeps how the caller signed in (a second factor stays passed) and counts the
  // current password just typed as a fresh authentication.
  return startSession(ctx, user, next.id, client, {
    appId: session.appId,
    amr: session.amr,
    aal: session.aal,
  });
}
