/** The caller's live sessions, for a "where you're signed in" page. */
import type { ServiceContext } from '../context.js';
import { type SessionListing, sessionListing } from '../views.js';
import { getSession } from './get-session.js';

export async function listSessions(ctx: ServiceContext, accessToken: string): Promise<SessionListing[]> {
  const { session, user } = await getSession(ctx, accessToken);
  const sessions = await ctx.store.sessions.listLive(user.id, ctx.clock.now());
  return sessions.map((s) => sessionListing(s, session.id));
}
