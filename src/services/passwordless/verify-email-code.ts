/**
 * Signs in with the code from the mail: the address and its six digits. Every try counts
 * against that code — after `passwordless.maxAttempts` it is dead, the right code included —
 * and a right code works once, even when it arrives many times at once. Every refusal is the
 * same `INVALID_CODE` (wrong, spent, replaced, expired, dead, or no code sent to the address at
 * all), and the check is one statement whether or not a code exists, so the answer tells nothing
 * about the address.
 */
import { GatehouseError } from '../../core/errors.js';
import { readEmail } from '../accounts/read-email.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import type { MfaChallenge } from '../mfa/pending-sign-in.js';
import type { AuthResult } from '../views.js';
import { emailCodeDigest, readEmailCode } from './email-code.js';
import { refuseUnlessEnabled } from './request-by-mail.js';
import { signInByMail } from './sign-in-by-mail.js';

export interface EmailCodeSignIn {
  readonly email: string;
  readonly code: string;
}

const invalidCode = () =>
  new GatehouseError('INVALID_CODE', 'The code is not right, or no longer works; ask for a new one');

export async function signInWithEmailCode(
  ctx: ServiceContext,
  input: EmailCodeSignIn,
  client: ClientInfo = {},
): Promise<AuthResult | MfaChallenge> {
  refuseUnlessEnabled(ctx);
  const email = readEmail(input?.email);
  const code = readEmailCode(input?.code);
  const { maxAttempts } = ctx.settings.passwordless;
  const digest = emailCodeDigest(ctx, email, code);
  const spent = await ctx.store.emailSignIns.tryCode(email, digest, ctx.clock.now(), maxAttempts);
  if (!spent) {
    await ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      client,
      data: { method: 'email_code', reason: 'wrong_code', email },
    });
    throw invalidCode();
  }
  return signInByMail(ctx, spent, 'email_code', client, invalidCode);
}
