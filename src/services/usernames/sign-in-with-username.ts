/**
 * Username + password sign-in: everything email sign-in does, by another name. The same
 * password check (`accounts/check-password.ts`): the same lookups and hashing work for an
 * unknown username (a dummy hash), one `INVALID_CREDENTIALS` for an unknown name and a wrong
 * password, the suspended / unverified refusals only after a right password, and the account's
 * one lockout — an account with an address counts under it, so the email and username routes of
 * one account lock together. Then what every sign-in ends with (`sessions/finish-sign-in.ts`):
 * a session, or the MFA step when the account has a second factor.
 */
import { checkPasswordShape } from '../../crypto/password-policy.js';
import { checkAccountPassword } from '../accounts/check-password.js';
import { readSessionTtl, type SignInOptions } from '../accounts/sign-in.js';
import { appForSignIn } from '../apps/app-for-sign-in.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import type { MfaChallenge } from '../mfa/pending-sign-in.js';
import { finishSignIn } from '../sessions/finish-sign-in.js';
import type { AuthResult } from '../views.js';
import { readUsername } from './canonical-username.js';

export interface UsernameSignInInput {
  /** Any spelling of the username: it is canonicalised (see `canonicalUsername`). */
  readonly username: string;
  readonly password: string;
}

export async function signInWithUsername(
  ctx: ServiceContext,
  input: UsernameSignInInput,
  client: ClientInfo = {},
  options: SignInOptions = {},
): Promise<AuthResult | MfaChallenge> {
  const ttlSeconds = readSessionTtl(ctx, options.sessionTtl);
  const app = await appForSignIn(ctx, client, 'username');
  const username = readUsername(input.username);
  checkPasswordShape(input.password);
  const found = await ctx.store.users.findByUsername(username);
  const { user, credential } = await checkAccountPassword(
    ctx,
    { by: 'username', name: username, user: found, password: input.password },
    client,
  );
  return finishSignIn(
    ctx,
    user,
    {
      app,
      credentialId: credential.id,
      amr: ['pwd'],
      method: 'username',
      sessionTtl: options.sessionTtl === undefined ? null : ttlSeconds,
    },
    client,
  );
}
