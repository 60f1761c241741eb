/** The signed-in user's passkeys, oldest first: names, dates, backup state — never a key. */
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { type PasskeyView, passkeyView } from './passkey-view.js';

export async function listPasskeys(ctx: ServiceContext, accessToken: string): Promise<PasskeyView[]> {
  const { user } = await getSession(ctx, accessToken);
  return (await ctx.store.passkeys.listForUser(user.id)).map(passkeyView);
}
