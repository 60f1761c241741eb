/**
 * Creates an account with a username and password, and optionally an address. It answers the
 * way email sign-up does under the same settings:
 *
 * - addresses need not be verified first: the account is signed in at once (201). A taken or
 *   reserved username is `USERNAME_TAKEN` — where email sign-up says `USER_EXISTS` — and a
 *   given address that another account holds is `USER_EXISTS`, as on the email route. The
 *   route is rate-limited per client address, which bounds how fast names can be probed.
 * - `requireEmailVerified`: an address is required, and the answer is `{accepted: true}` (202)
 *   whatever is taken, so it reveals no account. A new account gets the verification link; when
 *   the username or the address is taken (or the username reserved) no account is made and the
 *   address gets a notice instead — "you already have an account" or "that username is not
 *   available" — counted against the recipient's limit, after the answer.
 */
import { GatehouseError } from '../../core/errors.js';
import { newAccount, openAccount, openPendingAccount, signUpApp } from '../accounts/sign-up.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import type { AuthResult } from '../views.js';
import { readUsername } from './canonical-username.js';
import { isReservedUsername } from './reserved-usernames.js';

export interface UsernameSignUpInput {
  /** Any spelling of the username: it is canonicalised (see `canonicalUsername`). */
  readonly username: string;
  readonly password: string;
  readonly name?: string | null;
  /** Optional, unless `requireEmailVerified`; an empty string is the same as none. */
  readonly email?: string | null;
}

export async function signUpWithUsername(
  ctx: ServiceContext,
  input: UsernameSignUpInput,
  client: ClientInfo = {},
): Promise<AuthResult | { accepted: true }> {
  const app = await signUpApp(ctx, client, 'username');
  const username = readUsername(input.username);
  const email = typeof input.email === 'string' && input.email.trim() === '' ? null : (input.email ?? null);
  if (ctx.settings.requireEmailVerified && email === null) {
    throw new GatehouseError('VALIDATION_ERROR', 'email is required: addresses must be verified to sign in', {
      issues: [{ path: 'email', message: 'required (requireEmailVerified)' }],
    });
  }
  const account = await newAccount(ctx, { email, username, password: input.password, name: input.name });
  const reserved = isReservedUsername(ctx.settings, username);
  if (ctx.settings.requireEmailVerified)
    return openPendingAccount(ctx, account, 'username', client, { reserved });
  if (reserved) throw usernameTaken();
  return openAccount(ctx, account, 'username', client, app);
}

const usernameTaken = () => new GatehouseError('USERNAME_TAKEN', 'This username is taken');
