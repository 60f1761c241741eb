/**
 * Reauthentication with a passkey: `PublicKeyCredentialRequestOptions` offering the signed-in
 * user's passkeys, with a challenge bound to the caller's session (`POST /auth/reauthenticate`
 * with `method: 'passkey'` spends it).
 */
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { requireOwnSession } from '../sessions/own-session.js';
import { issueChallenge } from './ceremony-challenge.js';
import {
  authenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  relyingParty,
} from './webauthn.js';

export async function passkeyReauthOptions(
  ctx: ServiceContext,
  accessToken: string,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { user, session } = await getSession(ctx, accessToken);
  requireOwnSession(session);
  const passkeys = await ctx.store.passkeys.listForUser(user.id);
  if (passkeys.length === 0) {
    throw new GatehouseError('MFA_METHOD_UNAVAILABLE', 'This account has no passkey');
  }
  const challenge = await issueChallenge(ctx, { purpose: 'reauth', userId: user.id, boundTo: session.id });
  return authenticationOptions(relyingParty(ctx.settings), {
    challenge,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
}
