/**
 * Sign-in with a third-party ID token a mobile or web app got from Firebase, Google, Apple or
 * another configured provider (docs/id-tokens.md): once every check of the token passed, the
 * identity signs in like any provider's (`signInWithIdentity`: keyed by issuer and subject,
 * linked by address only under the rules of docs/identities.md, a second factor still asked for).
 * A token that fails is `user.sign_in_failed` with the reason, and `INVALID_ID_TOKEN`.
 */
import { appForSignIn } from '../apps/app-for-sign-in.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { signInWithIdentity } from '../identities/sign-in-with-identity.js';
import type { MfaChallenge } from '../mfa/pending-sign-in.js';
import type { AuthResult } from '../views.js';
import { type IdTokenInput, identityFromIdToken } from './identity-from-id-token.js';

/**
 * @example
 * const result = await gatehouse.signInWithIdToken({ provider: 'firebase', idToken });
 * if ('mfaRequired' in result) … else result.refreshToken
 */
export async function signInWithIdToken(
  ctx: ServiceContext,
  input: IdTokenInput,
  client: ClientInfo = {},
): Promise<AuthResult | MfaChallenge> {
  const app = await appForSignIn(
    ctx,
    client,
    `id_token:${typeof input.provider === 'string' ? input.provider : ''}`,
  );
  const external = await identityFromIdToken(ctx, input, (provider, reason) =>
    ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      userId: null,
      client,
      data: { method: 'id_token', provider, reason },
    }),
  );
  return signInWithIdentity(ctx, external, client, { method: 'id_token', app });
}
