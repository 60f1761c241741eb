/**
 * Creates an account with an email and password: signed in at once, or — when addresses must be
 * verified first — pending its verification link. With `openSignUp: false` every sign-up is
 * refused (`SIGN_UP_CLOSED`) before any other work. Username sign-up
 * (`usernames/sign-up-with-username.ts`) builds its accounts with the same `newAccount` and
 * opens them with the same `openAccount`.
 */
import type { App, SignInMethod } from '../../core/apps.js';
import type { PasswordCredential, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { checkNewPassword } from '../../crypto/password-policy.js';
import { appForSignIn } from '../apps/app-for-sign-in.js';
import { announceMembership, joinApp, refuseSignUpUnlessOpen } from '../apps/join-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { runBeforeSignUp } from '../events/hooks.js';
import { notifySignUpAttempt } from '../notices/notices.js';
import { refuseBreachedPassword } from '../passwords/refuse-breached-password.js';
import { startSession } from '../sessions/start-session.js';
import { notifyUsernameUnavailable } from '../usernames/notify-username-unavailable.js';
import { newAccountVerification } from '../verification/send-verification.js';
import type { AuthResult } from '../views.js';
import { newPasswordCredential } from './new-password-credential.js';
import { readEmail, readName } from './read-email.js';

export interface SignUpInput {
  readonly email: string;
  readonly password: string;
  readonly name?: string | null;
}

/** `SIGN_UP_CLOSED` unless new accounts may be created (`openSignUp`). */
export function refuseUnlessSignUpOpen(ctx: ServiceContext): void {
  if (!ctx.settings.openSignUp) {
    throw new GatehouseError('SIGN_UP_CLOSED', 'Sign-up is closed: only existing accounts can sign in');
  }
}

/**
 * The app a sign-up is for, before any other work: sign-up open on the instance (`openSignUp`),
 * the app known, active and allowing the method, and open to new members (an invite-only app
 * takes new accounts through its invitations only).
 */
export async function signUpApp(ctx: ServiceContext, client: ClientInfo, method: SignInMethod): Promise<App> {
  refuseUnlessSignUpOpen(ctx);
  const app = await appForSignIn(ctx, client, method);
  refuseSignUpUnlessOpen(app);
  return app;
}

export async function signUp(
  ctx: ServiceContext,
  input: SignUpInput,
  client: ClientInfo = {},
): Promise<AuthResult> {
  const app = await signUpApp(ctx, client, 'password');
  const account = await newAccount(ctx, { ...input, username: null });
  return openAccount(ctx, account, 'password', client, app);
}

/**
 * Sign-up when addresses must be verified first (`requireEmailVerified`): no session, and one
 * answer whether or not the address already has an account. A new address gets the
 * verification mail; an address with an account gets a notice instead ("someone tried to sign
 * up with your address"). Both cost one hash and one rendered mail before the database is asked,
 * and the mail goes out after the answer (the verification mail stored with the account, the
 * notice queued then), so neither the body nor the time tells the two apart (ENUM-03).
 */
export async function signUpPendingVerification(
  ctx: ServiceContext,
  input: SignUpInput,
  client: ClientInfo = {},
): Promise<{ accepted: true }> {
  await signUpApp(ctx, client, 'password');
  const account = await newAccount(ctx, { ...input, username: null });
  return openPendingAccount(ctx, account, 'password', client);
}

/**
 * Stores a new account that waits for its address to be verified, and answers the same
 * `{accepted: true}` whatever happened; the outcome goes to the address after the answer: the
 * verification link, or — when a name was taken (or the username `reserved`) and no account was
 * made — a notice: "you already have an account" when the address has one, else "that username
 * is not available". Both count against the recipient's mail limit.
 */
export async function openPendingAccount(
  ctx: ServiceContext,
  { user, credential }: { user: User; credential: PasswordCredential },
  method: 'password' | 'username',
  client: ClientInfo,
  { reserved = false } = {},
): Promise<{ accepted: true }> {
  let refused: 'username_taken' | 'address_taken' | null = reserved ? 'username_taken' : null;
  if (refused === null) {
    try {
      // The verification link and its mail are stored in the account's transaction: both or neither.
      await ctx.store.users.createWithPassword(
        user,
        credential,
        newAccountVerification(ctx, user, client.locale),
      );
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
      ctx.mail.kick();
      await ctx.events.emit({ type: 'user.created', userId: user.id, client, data: { method } });
      return;
    }
    // Both names may be taken; the address's own account is what its owner needs to hear about.
    const addressTaken = refused === 'address_taken' || (await ctx.store.users.findByEmail(email)) !== null;
    if (addressTaken) await notifySignUpAttempt(ctx, email, client.locale);
    else await notifyUsernameUnavailable(ctx, email, client.locale);
    await ctx.events.emit({
      type: 'user.created',
      outcome: 'failure',
      client,
      data: { method, reason: addressTaken ? 'address_taken' : 'username_taken' },
    });
  });
  return { accepted: true };
}

/** What `newAccount` needs: the address as typed (or null for none), the canonical username, if any. */
export interface NewAccountInput {
  readonly email: string | null;
  readonly username: string | null;
  readonly password: string;
  readonly name?: string | null | undefined;
}

/**
 * Validates the input and builds the user and credential (hashing the password): the password
 * rules, the breached-password check, the `beforeSignUp` hook, then one hash — before the
 * database is asked, so a taken name costs the same work as a free one. The hook sees the
 * address (null when there is none) and the username.
 */
export async function newAccount(
  ctx: ServiceContext,
  input: NewAccountInput,
): Promise<{ user: User; credential: PasswordCredential }> {
  checkNewPassword(input.password, { minLength: ctx.settings.passwordMinLength });
  await refuseBreachedPassword(ctx, input.password);
  const { email, name } = await runBeforeSignUp(ctx.hooks, {
    email: input.email === null ? null : readEmail(input.email),
    username: input.username,
    name: readName(input.name),
    method: input.username === null ? 'password' : 'username',
  });
  const hash = await ctx.hasher.hash(input.password);
  const now = ctx.clock.now();
  const user: User = {
    id: newId('usr', now, ctx.random),
    email,
    username: input.username,
    emailVerified: false,
    name,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  const credential = newPasswordCredential(ctx, user.id, hash, null, now);
  return { user, credential };
}

/**
 * Stores a new account and signs it in: a session, the verification mail (when it has an
 * address) and `user.created` with how it signed up. `USER_EXISTS` / `USERNAME_TAKEN` when a
 * name is taken.
 */
export async function openAccount(
  ctx: ServiceContext,
  { user, credential }: { user: User; credential: PasswordCredential },
  method: 'password' | 'username',
  client: ClientInfo,
  app: App,
): Promise<AuthResult> {
  // The verification link and its mail are stored with the account: a process killed after it
  // leaves no account without them.
  await ctx.store.users.createWithPassword(
    user,
    credential,
    newAccountVerification(ctx, user, client.locale),
  );
  ctx.mail.kick();
  const membership = await joinApp(ctx, user, app, client, undefined, { announce: false });
  const result = await startSession(ctx, user, credential.id, client, {
    appId: app.id,
    member: { app, membership },
  });
  await ctx.events.emit({
    type: 'user.created',
    userId: user.id,
    sessionId: result.session.id,
    client,
    data: { method, appId: app.id },
  });
  await announceMembership(ctx, membership, client);
  return result;
}
