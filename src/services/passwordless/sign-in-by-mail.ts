/**
 * What a used magic link and a right email code share: the address is proven, so its account
 * signs in — through the same gate and the same end as every sign-in (`refuseUnlessMaySignIn`,
 * then `finishSignIn`, which still asks for a second factor when the account has one).
 *
 * Which account: the one at the address now. A link or code sent to an account speaks for that
 * account only (not for whoever holds the address after a change). An account whose address was
 * never verified is replaced (EML-03, `replaceUnverifiedAccount`): whoever made it never proved
 * the address, so nothing they set up survives, and the owner gets a fresh, verified account.
 * That fresh account, like one for an address without any, is made only while sign-up is open
 * and the `beforeSignUp` hook allows it; otherwise everything stays as it was.
 */
import type { App } from '../../core/apps.js';
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { EmailSignIn } from '../../store/ports/email-sign-in-store.js';
import { refuseUnlessMaySignIn } from '../accounts/may-sign-in.js';
import { releaseUnverifiedAddress } from '../accounts/release-unverified-address.js';
import { appForSignIn } from '../apps/app-for-sign-in.js';
import { mayCreateAccounts } from '../apps/join-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { runBeforeSignUp } from '../events/hooks.js';
import type { MfaChallenge } from '../mfa/pending-sign-in.js';
import { finishSignIn } from '../sessions/finish-sign-in.js';
import type { AuthResult } from '../views.js';

export type MailSignInMethod = 'magic_link' | 'email_code';

export async function signInByMail(
  ctx: ServiceContext,
  proof: EmailSignIn,
  method: MailSignInMethod,
  client: ClientInfo,
  invalid: () => GatehouseError,
): Promise<AuthResult | MfaChallenge> {
  const found = await ctx.store.users.findByEmail(proof.email);
  const failed = async (reason: string, error: GatehouseError) => {
    await ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      userId: found?.id ?? proof.userId,
      client,
      data: { method, reason },
    });
    return error;
  };
  if (proof.userId !== null && found?.id !== proof.userId) throw await failed('account_changed', invalid());
  // The app the link or code was asked for, as it is now (it may have been disabled since).
  const app = await appForSignIn(ctx, { app: proof.appId }, method);
  if (found && found.status !== 'active') await refuseUnlessMaySignIn(ctx, found, failed, invalid);
  const user = await accountFor(ctx, proof, found, method, client, invalid, app);
  await refuseUnlessMaySignIn(ctx, user, failed, invalid);
  return finishSignIn(ctx, user, { app, credentialId: null, amr: ['email'], method }, client);
}

/** The verified account at the proven address: the one there, or a fresh one. */
async function accountFor(
  ctx: ServiceContext,
  proof: EmailSignIn,
  found: User | null,
  method: MailSignInMethod,
  client: ClientInfo,
  invalid: () => GatehouseError,
  app: App,
): Promise<User> {
  if (found?.emailVerified) return found;
  // A fresh account, also in place of an unverified one (as with a provider): sign-up must be open.
  if (!mayCreateAccounts(ctx, app)) {
    throw new GatehouseError('SIGN_UP_CLOSED', 'New accounts cannot be created here');
  }
  // Asked before anything is removed, so a refusal leaves everything as it was.
  const { name } = await runBeforeSignUp(ctx.hooks, { email: proof.email, name: null });
  if (found) await releaseUnverifiedAddress(ctx, found, 'address_proven_by_mail');
  const now = ctx.clock.now();
  const user: User = {
    id: newId('usr', now, ctx.random),
    email: proof.email,
    username: null,
    emailVerified: true,
    name,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.store.users.create(user);
  } catch (error) {
    if (!(error instanceof GatehouseError && error.code === 'USER_EXISTS')) throw error;
    // A concurrent proof of the same address got there first: its account is the owner's too.
    const winner = await ctx.store.users.findByEmail(proof.email);
    if (winner?.emailVerified) return winner;
    throw invalid();
  }
  await ctx.events.emit({
    type: 'user.created',
    userId: user.id,
    client,
    data: { method, emailVerified: true },
  });
  return user;
}
