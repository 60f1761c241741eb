/**
 * Starts adding a passkey (recent sign-in required): `PublicKeyCredentialCreationOptions` for
 * `navigator.credentials.create()`, with a challenge bound to the caller's session, the user's
 * passkeys excluded (an authenticator that holds one refuses to make another), and the user
 * handle from the user id — never the email.
 */
import type { ServiceContext } from '../context.js';
import { recentSession } from '../mfa/recent-auth.js';
import { issueChallenge } from './ceremony-challenge.js';
import { userHandleOf } from './user-handle.js';
import {
  type PublicKeyCredentialCreationOptionsJSON,
  registrationOptions,
  relyingParty,
} from './webauthn.js';

export async function passkeyRegistrationOptions(
  ctx: ServiceContext,
  accessToken: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { user, session } = await recentSession(ctx, accessToken);
  const passkeys = await ctx.store.passkeys.listForUser(user.id);
  const challenge = await issueChallenge(ctx, { purpose: 'register', userId: user.id, boundTo: session.id });
  return registrationOptions(relyingParty(ctx.settings), {
    userHandle: userHandleOf(user.id),
    userName: user.email ?? user.username ?? user.id,
    userDisplayName: user.name ?? user.email ?? user.username ?? user.id,
    challenge,
    excludeCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
}
