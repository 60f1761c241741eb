/** POST /forgot-password and POST /reset-password. */
import { z } from 'zod';
import type { Route } from '../route.js';
import { accepted, apiSchemas, success } from '../schemas.js';

const forgotBody = z
  .strictObject({ email: z.string().max(1024) })
  .register(apiSchemas, { id: 'ForgotPasswordRequest' });
const resetBody = z
  .strictObject({ token: z.string().max(1024), password: z.string() })
  .register(apiSchemas, { id: 'ResetPasswordRequest' });

export const forgotPasswordRoute: Route = {
  method: 'POST',
  path: '/forgot-password',
  operationId: 'forgotPassword',
  limited: true,
  summary: 'Mail a password-reset link (202 with the same body whether or not the address has an account)',
  tag: 'Accounts',
  body: forgotBody,
  status: 202,
  response: accepted,
  errors: ['VALIDATION_ERROR'],
  async handle(ctx) {
    // Resolves once the address is validated; the lookup and mail happen after the answer.
    await ctx.ops.requestPasswordReset((ctx.body as { email: string }).email, ctx.client);
    return { accepted: true };
  },
};

export const resetPasswordRoute: Route = {
  method: 'POST',
  path: '/reset-password',
  operationId: 'resetPassword',
  limited: true,
  hashes: true,
  summary: 'Set a new password with the token from the reset mail; every session of the account ends',
  tag: 'Accounts',
  body: resetBody,
  status: 200,
  response: success,
  errors: ['VALIDATION_ERROR', 'WEAK_PASSWORD', 'LINK_INVALID', 'LINK_EXPIRED', 'LINK_USED'],
  async handle(ctx) {
    const { token, password } = ctx.body as { token: string; password: string };
    await ctx.ops.resetPassword(token, password, ctx.client);
    return { success: true };
  },
};
