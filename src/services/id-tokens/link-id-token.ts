/**
 * Links the identity an ID token proves to the signed-in user (recent sign-in needed), for an
 * app whose user already has an account and now signs in with a provider's SDK too. The token
 * passes the same checks as for sign-in; the provider's address plays no part (the user proved
 * both sides). `IDENTITY_IN_USE` when that identity belongs to another user.
 */
import type { ClientInfo, ServiceContext } from '../context.js';
import { type IdentityView, identityView } from '../identities/identity-view.js';
import { linkIdentity } from '../identities/link-identity.js';
import { recentSession } from '../mfa/recent-auth.js';
import { type IdTokenInput, identityFromIdToken } from './identity-from-id-token.js';

export async function linkIdToken(
  ctx: ServiceContext,
  accessToken: string,
  input: IdTokenInput,
  client: ClientInfo = {},
): Promise<IdentityView> {
  const { user, session } = await recentSession(ctx, accessToken);
  const external = await identityFromIdToken(ctx, input, async () => {});
  return identityView(await linkIdentity(ctx, user.id, session.id, external, client));
}
