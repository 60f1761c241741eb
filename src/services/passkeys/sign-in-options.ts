/**
 * Starts a sign-in with a passkey and no password: `PublicKeyCredentialRequestOptions` without
 * `allowCredentials`, so the browser offers every passkey it holds for this site, and a
 * challenge that only `POST /auth/sign-in/passkey` accepts.
 */
import type { ServiceContext } from '../context.js';
import { issueChallenge } from './ceremony-challenge.js';
import {
  authenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  relyingParty,
} from './webauthn.js';

export async function passkeySignInOptions(
  ctx: ServiceContext,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const challenge = await issueChallenge(ctx, { purpose: 'sign_in', userId: null, boundTo: null });
  return authenticationOptions(relyingParty(ctx.settings), { challenge });
}
