/**
 * Checks an email and password without signing anyone in (an app confirming a sensitive action,
 * a legacy integration): the same lockout, timing and answers as sign-in, and no session, no
 * cookie, no token. A right password is recorded as `user.password_verified`.
 */
import type { ClientInfo, ServiceContext } from '../context.js';
import { type PublicUser, publicUser } from '../views.js';
import { checkPassword, type PasswordSignIn } from './check-password.js';

export async function verifyPassword(
  ctx: ServiceContext,
  input: PasswordSignIn,
  client: ClientInfo = {},
): Promise<PublicUser> {
  const { user } = await checkPassword(ctx, input, client);
  await ctx.events.emit({ type: 'user.password_verified', userId: user.id, client });
  return publicUser(user);
}
