/** POST /change-email, POST /confirm-email-change and POST /cancel-email-change. */
import { z } from 'zod';
import type { ChangeEmailInput } from '../../services/email-change/request-email-change.js';
import type { Route } from '../route.js';
import { accepted, apiSchemas, userView } from '../schemas.js';

const changeBody = z
  .strictObject({ newEmail: z.string().max(1024), password: z.string() })
  .register(apiSchemas, { id: 'ChangeEmailRequest' });
const tokenBody = z
  .strictObject({ token: z.string().max(1024) })
  .register(apiSchemas, { id: 'EmailChangeTokenRequest' });
const changed = z.object({ user: userView }).register(apiSchemas, { id: 'EmailChanged' });
const cancelled = z
  .object({
    reverted: z.boolean().meta({ description: 'True when a completed change was undone' }),
    email: z.string(),
  })
  .register(apiSchemas, { id: 'EmailChangeCancelled' });
const LINK_ERRORS = ['VALIDATION_ERROR', 'LINK_INVALID', 'LINK_EXPIRED', 'LINK_USED', 'USER_EXISTS'];

export const changeEmailRoute: Route = {
  method: 'POST',
  path: '/change-email',
  operationId: 'changeEmail',
  limited: true,
  hashes: true,
  summary:
    'Ask to move the account to a new address (password required): a link goes to the new address, a notice to the old',
  tag: 'Accounts',
  auth: true,
  body: changeBody,
  status: 202,
  response: accepted,
  errors: [
    'IMPERSONATION_RESTRICTED',
    'VALIDATION_ERROR',
    'WRONG_PASSWORD',
    'INVALID_TOKEN',
    'TOKEN_EXPIRED',
    'SESSION_NOT_FOUND',
  ],
  async handle(ctx) {
    await ctx.ops.requestEmailChange(ctx.accessToken, ctx.body as ChangeEmailInput, ctx.client);
    return { accepted: true };
  },
};

export const confirmEmailChangeRoute: Route = {
  method: 'POST',
  path: '/confirm-email-change',
  operationId: 'confirmEmailChange',
  limited: true,
  summary:
    'Confirm the new address with the token mailed to it; other sessions end (the caller’s, if signed in, continues)',
  tag: 'Accounts',
  body: tokenBody,
  status: 200,
  response: changed,
  errors: LINK_ERRORS,
  handle: async (ctx) => ({
    user: await ctx.ops.confirmEmailChange(
      (ctx.body as { token: string }).token,
      ctx.accessToken || undefined,
      ctx.client,
    ),
  }),
};

export const cancelEmailChangeRoute: Route = {
  method: 'POST',
  path: '/cancel-email-change',
  operationId: 'cancelEmailChange',
  limited: true,
  summary:
    'With the token mailed to the old address: cancel a pending change, or undo a completed one (every session ends)',
  tag: 'Accounts',
  body: tokenBody,
  status: 200,
  response: cancelled,
  errors: LINK_ERRORS,
  handle: (ctx) => ctx.ops.cancelEmailChange((ctx.body as { token: string }).token, ctx.client),
};
