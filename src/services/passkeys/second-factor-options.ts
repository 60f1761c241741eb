/**
 * The passkey step of a two-step sign-in: `PublicKeyCredentialRequestOptions` for the pending
 * sign-in an `mfaToken` names, offering that user's passkeys, with a challenge bound to that
 * very sign-in (`POST /auth/mfa/verify` with `method: 'passkey'` spends it). A sign-in that a
 * passkey started cannot take a passkey as its second step.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { readPendingSignIn } from '../mfa/pending-sign-in.js';
import { issueChallenge } from './ceremony-challenge.js';
import {
  authenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  relyingParty,
} from './webauthn.js';

export async function passkeyMfaOptions(
  ctx: ServiceContext,
  mfaToken: unknown,
  client: ClientInfo = {},
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const pending = await readPendingSignIn(ctx, mfaToken, client);
  const passkeys = pending.amr.includes('hwk') ? [] : await ctx.store.passkeys.listForUser(pending.userId);
  if (passkeys.length === 0) {
    throw new GatehouseError('MFA_METHOD_UNAVAILABLE', 'This sign-in cannot continue with a passkey');
  }
  const challenge = await issueChallenge(ctx, {
    purpose: 'second_factor',
    userId: pending.userId,
    boundTo: pending.id,
  });
  return authenticationOptions(relyingParty(ctx.settings), {
    challenge,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
}
