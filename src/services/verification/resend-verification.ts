/**
 * Sends a new verification link. The answer never says whether the address has an account, and
 * neither does its timing: the request is counted against the address's limit (the same for
 * every address) and answered; the lookup and the mail happen afterwards. Only an active,
 * unverified account gets a mail, at most one per `verificationResendInterval`, and its older
 * links stop working.
 */

import { readEmail } from '../accounts/read-email.js';
import type { ServiceContext } from '../context.js';
import { limitMailFor } from '../limits/limits.js';
import { sendVerificationMail } from './send-verification.js';

export async function resendVerification(ctx: ServiceContext, emailInput: string): Promise<void> {
  const email = readEmail(emailInput);
  await limitMailFor(ctx, 'verify', email);
  // The request's time decides, not the time the work after the answer happens to run.
  const now = ctx.clock.now();
  ctx.background.run('resend-verification', () => mailIfDue(ctx, email, now));
}

async function mailIfDue(ctx: ServiceContext, email: string, now: number): Promise<void> {
  const user = await ctx.store.users.findByEmail(email);
  if (!user || user.emailVerified || user.status !== 'active') return;
  // At most one mail per interval per account: asking again only says 202, so nobody can
  // flood an inbox (or the mail server) through this endpoint.
  const last = await ctx.store.verificationTokens.lastIssuedAt(user.id, 'verify_email');
  if (last !== null && now - last < ctx.settings.verificationResendInterval * 1000) return;
  await sendVerificationMail(ctx, user, now);
}
