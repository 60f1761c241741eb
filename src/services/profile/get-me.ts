/** The signed-in user and their profile (`GET /auth/me`). */
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { type Me, me } from '../views.js';

export async function getMe(ctx: ServiceContext, accessToken: string): Promise<Me> {
  const { user } = await getSession(ctx, accessToken);
  const profile = await ctx.store.users.findProfile(user.id);
  if (!profile) throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  return me(user, profile);
}
