/**
 * POST /change-password — the signed-in user's own password — and POST /set-password, the first
 * one for an account without.
 */
import { z } from 'zod';
import type { ChangePasswordInput } from '../../services/accounts/change-password.js';
import type { SetPasswordInput } from '../../services/accounts/set-password.js';
import type { Route } from '../route.js';
import { apiSchemas, authResult, success } from '../schemas.js';
import { tokenResponse } from './token-response.js';

const body = z
  .strictObject({ currentPassword: z.string(), newPassword: z.string() })
  .register(apiSchemas, { id: 'ChangePasswordRequest' });

export const changePasswordRoute: Route = {
  method: 'POST',
  path: '/change-password',
  operationId: 'changePassword',
  limited: true,
  hashes: true,
  summary: 'Change the password (current one required); other sessions end, the caller gets new tokens',
  tag: 'Accounts',
  auth: true,
  body,
  status: 200,
  response: authResult,
  errors: [
    'IMPERSONATION_RESTRICTED',
    'VALIDATION_ERROR',
    'WEAK_PASSWORD',
    'WRONG_PASSWORD',
    'INVALID_TOKEN',
    'TOKEN_EXPIRED',
    'SESSION_NOT_FOUND',
  ],
  async handle(ctx) {
    const result = await ctx.ops.changePassword(ctx.accessToken, ctx.body as ChangePasswordInput, ctx.client);
    return tokenResponse(ctx, result);
  },
};

const setBody = z
  .strictObject({ newPassword: z.string() })
  .register(apiSchemas, { id: 'SetPasswordRequest' });

/** POST /set-password — a first password for an account that has none; never replaces one. */
export const setPasswordRoute: Route = {
  method: 'POST',
  path: '/set-password',
  operationId: 'setPassword',
  limited: true,
  hashes: true,
  summary:
    'Give an account without a password its first one (recent sign-in needed); an existing password is refused with 409',
  tag: 'Accounts',
  auth: true,
  body: setBody,
  status: 200,
  response: success,
  errors: [
    'IMPERSONATION_RESTRICTED',
    'REAUTH_REQUIRED',
    'PASSWORD_EXISTS',
    'VALIDATION_ERROR',
    'WEAK_PASSWORD',
    'INVALID_TOKEN',
    'TOKEN_EXPIRED',
    'SESSION_NOT_FOUND',
  ],
  async handle(ctx) {
    await ctx.ops.setPassword(ctx.accessToken, ctx.body as SetPasswordInput, ctx.client);
    return { success: true };
  },
};
