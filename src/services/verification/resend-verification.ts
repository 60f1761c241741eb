/**
 * Sends a new verification link. The answer never says whether the address has an account;
 * only an active, unverified account gets a mail, and its older links stop working.
 */
import { readEmail } from '../accounts/read-email.js';
import type { ServiceContext } from '../context.js';
import { sendVerificationMail } from './send-verification.js';

export async function resendVerification(ctx: ServiceContext, emailInput: string): Promise<void> {
  const user = await ctx.store.users.findByEmail(readEmail(emailInput));
  if (user && !user.emailVerified && user.status === 'active') await sendVerificationMail(ctx, user);
}
