/** The signed-in user and their profile (`GET /auth/me`). */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { Caller } from '../access/resolve-caller.js';
import type { ServiceContext } from '../context.js';
import { pendingEmailOf } from '../email-change/pending-email.js';
import { getSession } from '../sessions/get-session.js';
import { type Me, me } from '../views.js';

/** From a session's access token, or from a caller already resolved (a personal access token's). */
export async function getMe(ctx: ServiceContext, accessToken: string | Caller): Promise<Me> {
  const user =
    typeof accessToken === 'string'
      ? (await getSession(ctx, accessToken)).user
      : await activeUser(ctx, accessToken);
  return meOf(ctx, user);
}

/** The `Me` view of a user already loaded (its session checked). */
export async function meOf(ctx: ServiceContext, user: User): Promise<Me> {
  const [profile, password, pendingEmail] = await Promise.all([
    ctx.store.users.findProfile(user.id),
    ctx.store.credentials.findActivePassword(user.id),
    pendingEmailOf(ctx, user.id, ctx.clock.now()),
  ]);
  if (!profile) throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  return me(user, profile, { hasPassword: password !== null, pendingEmail });
}

/** A resolved caller's user, read again: it must still be active. */
export async function activeUser(ctx: ServiceContext, caller: Caller): Promise<User> {
  const user = await ctx.store.users.findById(caller.user.id);
  if (user?.status !== 'active') throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  return user;
}
