/**
 * Creates an account with an email and password: signed in at once, or — when addresses must be
 * verified first — pending its verification link.
 */
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { checkNewPassword } from '../../crypto/password-policy.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { runBeforeSignUp } from '../events/hooks.js';
import { notifySignUpAttempt } from '../notices/notices.js';
import { refuseBreachedPassword } from '../passwords/refuse-breached-password.js';
import { startSession } from '../sessions/start-session.js';
import { sendVerificationMail } from '../verification/send-verification.js';
import type { AuthResult } from '../views.js';
import { newPasswordCredential } from './new-password-credential.js';
import { readEmail, readName } from './read-email.js';

export interface SignUpInput {
  readonly email: string;
  readonly password: string;
  readonly name?: string | null;
}

export async function signUp(
  ctx: ServiceContext,
  input: SignUpInput,
  client: ClientInfo = {},
): Promise<AuthResult> {
  const { user, credential } = await newAccount(ctx, input);
  await ctx.store.users.createWithPassword(user, credential);
  const result = await startSession(ctx, user, credential.id, client);
  await sendVerificationMail(ctx, user);
  await ctx.events.emit({
    type: 'user.created',
    userId: user.id,
    sessionId: result.session.id,
    client,
    data: { method: 'password' },
  });
  return result;
}

/**
 * Sign-up when addresses must be verified first (`requireEmailVerified`): no session, and one
 * answer whether or not the address already has an account. A new address gets the
 * verification mail; an address with an account gets a notice instead ("someone tried to sign
 * up with your address"). Both cost one hash before the database is asked, and the mail is
 * queued after the answer, so neither the body nor the time tells the two apart (ENUM-03).
 */
export async function signUpPendingVerification(
  ctx: ServiceContext,
  input: SignUpInput,
  client: ClientInfo = {},
): Promise<{ accepted: true }> {
  const { user, credential } = await newAccount(ctx, input);
  let created = true;
  try {
    await ctx.store.users.createWithPassword(user, credential);
  } catch (error) {
    if (!(error instanceof GatehouseError && error.code === 'USER_EXISTS')) throw error;
    created = false;
  }
  ctx.background.run('sign-up', async () => {
    if (created) {
      await sendVerificationMail(ctx, user);
      await ctx.events.emit({ type: 'user.created', userId: user.id, client, data: { method: 'password' } });
      return;
    }
    await notifySignUpAttempt(ctx, user.email);
    await ctx.events.emit({
      type: 'user.created',
      outcome: 'failure',
      client,
      data: { method: 'password', reason: 'address_taken' },
    });
  });
  return { accepted: true };
}

/** Validates the input and builds the user and credential (hashing the password). */
async function newAccount(ctx: ServiceContext, input: SignUpInput) {
  checkNewPassword(input.password, { minLength: ctx.settings.passwordMinLength });
  await refuseBreachedPassword(ctx, input.password);
  const { email, name } = await runBeforeSignUp(ctx.hooks, {
    email: readEmail(input.email),
    name: readName(input.name),
  });
  // Hash before looking at the database, so a taken address costs the same work as a free one.
  const hash = await ctx.hasher.hash(input.password);
  const now = ctx.clock.now();
  const user = {
    id: newId('usr', now, ctx.random),
    email,
    emailVerified: false,
    name,
    status: 'active' as const,
    createdAt: now,
    updatedAt: now,
  };
  const credential = newPasswordCredential(ctx, user.id, hash, null, now);
  return { user, credential };
}
