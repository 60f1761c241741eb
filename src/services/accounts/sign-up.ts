/** Creates an account with an email and password and signs it in. */
import { newId } from '../../core/ids.js';
import { checkNewPassword } from '../../crypto/password-policy.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { runBeforeSignUp } from '../events/hooks.js';
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
