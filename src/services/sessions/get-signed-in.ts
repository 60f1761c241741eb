/**
 * The session check and the profile in one read, for the hosted pages: every page request needs
 * both (the header shows who is signed in, the locale comes from the profile), and checking the
 * token twice would read the session twice. The same refusals as `getSession`.
 */
import type { ServiceContext } from '../context.js';
import { meOf } from '../profile/get-me.js';
import { type Me, type PublicSession, publicSession } from '../views.js';
import { getSession } from './get-session.js';

export interface SignedIn {
  readonly user: Me;
  readonly session: PublicSession;
}

export async function getSignedIn(ctx: ServiceContext, accessToken: string): Promise<SignedIn> {
  const found = await getSession(ctx, accessToken);
  return { user: await meOf(ctx, found.user), session: publicSession(found.session) };
}
