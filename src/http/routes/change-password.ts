/** POST /change-password — the signed-in user's own password. */
import { z } from 'zod';
import type { ChangePasswordInput } from '../../services/accounts/change-password.js';
import type { Route } from '../route.js';
import { apiSchemas, authResult } from '../schemas.js';
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
