/** POST /verify-email and POST /resend-verification. */
import { z } from 'zod';
import type { Route } from '../route.js';
import { accepted, apiSchemas, userView } from '../schemas.js';

const verifyBody = z
  .strictObject({ token: z.string().max(1024) })
  .register(apiSchemas, { id: 'VerifyEmailRequest' });
const resendBody = z
  .strictObject({ email: z.string().max(1024) })
  .register(apiSchemas, { id: 'ResendVerificationRequest' });
const verified = z.object({ user: userView }).register(apiSchemas, { id: 'EmailVerified' });

export const verifyEmailRoute: Route = {
  method: 'POST',
  path: '/verify-email',
  operationId: 'verifyEmail',
  limited: true,
  summary: 'Confirm an email address with the token from the verification mail',
  tag: 'Accounts',
  body: verifyBody,
  status: 200,
  response: verified,
  errors: ['VALIDATION_ERROR', 'LINK_INVALID', 'LINK_EXPIRED', 'LINK_USED'],
  handle: async (ctx) => ({ user: await ctx.ops.verifyEmail((ctx.body as { token: string }).token) }),
};

export const resendVerificationRoute: Route = {
  method: 'POST',
  path: '/resend-verification',
  operationId: 'resendVerification',
  limited: true,
  summary: 'Mail a new verification link (202 whether or not the address has an account)',
  tag: 'Accounts',
  body: resendBody,
  status: 202,
  response: accepted,
  errors: ['VALIDATION_ERROR'],
  async handle(ctx) {
    await ctx.ops.resendVerification((ctx.body as { email: string }).email);
    return { accepted: true };
  },
};
