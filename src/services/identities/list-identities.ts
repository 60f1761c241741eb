/** The signed-in user's linked identities, oldest first. */
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { type IdentityView, identityView } from './identity-view.js';

export async function listIdentities(ctx: ServiceContext, accessToken: string): Promise<IdentityView[]> {
  const { user } = await getSession(ctx, accessToken);
  return (await ctx.store.identities.listForUser(user.id)).map(identityView);
}
