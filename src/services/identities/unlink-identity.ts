/**
 * Unlinks one of the signed-in user's identities (recent sign-in required). Refused with
 * `LAST_SIGN_IN_METHOD` when nothing else would let the account sign in.
 */
import { GatehouseError } from '../../core/errors.js';
import { type IdentityId, isValidId } from '../../core/ids.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { recentSession } from '../mfa/recent-auth.js';
import { countSignInMethods } from './sign-in-methods.js';

export async function unlinkIdentity(
  ctx: ServiceContext,
  accessToken: string,
  identityId: string,
  client: ClientInfo = {},
): Promise<void> {
  const { user, session } = await recentSession(ctx, accessToken);
  const notFound = () => new GatehouseError('NOT_FOUND', 'No such linked identity');
  // Another user's identity is as unknown here as one that never existed.
  if (!isValidId(identityId, 'idn')) throw notFound();
  const identity = (await ctx.store.identities.listForUser(user.id)).find((i) => i.id === identityId);
  if (!identity) throw notFound();
  if ((await countSignInMethods(ctx, user, { withoutIdentity: identity.id as IdentityId })) === 0) {
    throw new GatehouseError(
      'LAST_SIGN_IN_METHOD',
      'This is the only way to sign in to the account; add a password or a passkey first',
    );
  }
  if (!(await ctx.store.identities.unlink(user.id, identity.id))) throw notFound();
  await ctx.events.emit({
    type: 'identity.unlinked',
    userId: user.id,
    sessionId: session.id,
    client,
    data: { provider: identity.provider },
  });
}
