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
import type { PasswordCredential, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { newAccount, openAccount, refuseUnlessSignUpOpen } from '../accounts/sign-up.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { notifySignUpAttempt } from '../notices/notices.js';
import { sendVerificationMail } from '../verification/send-verification.js';
import type { AuthResult } from '../views.js';
import { readUsername } from './canonical-username.js';
import { notifyUsernameUnavailable } from './notify-username-unavailable.js';
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
  refuseUnlessSignUpOpen(ctx);
  const username = readUsername(input.username);
  const email = typeof input.email === 'string' && input.email.trim() === '' ? null : (input.email ?? null);
  if (ctx.settings.requireEmailVerified && email === null) {
    throw new GatehouseError('VALIDATION_ERROR', 'email is required: addresses must be verified to sign in', {
      issues: [{ path: 'email', message: 'required (requireEmailVerified)' }],
    });
  }
  const account = await newAccount(ctx, { email, username, password: input.password, name: input.name });
  if (ctx.settings.requireEmailVerified) return pendingVerification(ctx, account, client);
  if (isReservedUsername(ctx.settings, username)) throw usernameTaken();
  return openAccount(ctx, account, 'username', client);
}

const usernameTaken = () => new GatehouseError('USERNAME_TAKEN', 'This username is taken');

/** The `requireEmailVerified` path: one answer; the outcome goes to the address, after it. */
async function pendingVerification(
  ctx: ServiceContext,
  { user, credential }: { user: User; credential: PasswordCredential },
  client: ClientInfo,
): Promise<{ accepted: true }> {
  let refused: 'username_taken' | 'address_taken' | null = null;
  if (isReservedUsername(ctx.settings, user.username!)) refused = 'username_taken';
  else {
    try {
      await ctx.store.users.createWithPassword(user, credential);
    } catch (error) {
      if (!(error instanceof GatehouseError)) throw error;
      if (error.code === 'USERNAME_TAKEN') refused = 'username_taken';
      else if (error.code === 'USER_EXISTS') refused = 'address_taken';
      else throw error;
    }
  }
  const email = user.email!;
  ctx.background.run('sign-up', async () => {
    if (refused === null) {
      await sendVerificationMail(ctx, user);
      await ctx.events.emit({ type: 'user.created', userId: user.id, client, data: { method: 'username' } });
      return;
    }
    // Both names may be taken; the address's own account is what its owner needs to hear about.
    const addressTaken = refused === 'address_taken' || (await ctx.store.users.findByEmail(email)) !== null;
    if (addressTaken) await notifySignUpAttempt(ctx, email);
    else await notifyUsernameUnavailable(ctx, email);
    await ctx.events.emit({
      type: 'user.created',
      outcome: 'failure',
      client,
      data: { method: 'username', reason: addressTaken ? 'address_taken' : 'username_taken' },
    });
  });
  return { accepted: true };
}
