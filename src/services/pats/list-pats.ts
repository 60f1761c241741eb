/** The signed-in user's personal access tokens that are not revoked, newest first; never a secret. */
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { type PatView, patView } from './pat-view.js';

export async function listPats(ctx: ServiceContext, accessToken: string): Promise<PatView[]> {
  const { user } = await getSession(ctx, accessToken);
  return (await ctx.store.pats.listForUser(user.id)).map(patView);
}
