/** The signed-in user and their profile (`GET /auth/me`). */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { type Me, me } from '../views.js';

export async function getMe(ctx: ServiceContext, accessToken: string): Promise<Me> {
  const { user } = await getSession(ctx, accessToken);
  return meOf(ctx, user);
}

/** The `Me` view of a user already loaded (its session checked). */
export async function meOf(ctx: ServiceContext, user: User): Promise<Me> {
  const profile = await ctx.store.users.findProfile(user.id);
  if (!profile) throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  return me(user, profile);
}
