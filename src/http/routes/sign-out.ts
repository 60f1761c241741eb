/**
 * POST /sign-out — ends the caller's session, or with `{everywhere: true}` every session of the
 * user, or with `{others: true}` every session but the caller's (which keeps its cookies).
 */
import { z } from 'zod';
import { clearTokenCookies } from '../cookies.js';
import type { Route } from '../route.js';
import { apiSchemas, success } from '../schemas.js';

const signOutBody = z
  .strictObject({
    everywhere: z
      .boolean()
      .optional()
      .meta({ description: 'End every session of the user (all devices), not only this one' }),
    others: z.boolean().optional().meta({
      description: "End every other session of the user and keep the caller's (not with everywhere)",
    }),
  })
  .register(apiSchemas, { id: 'SignOutRequest', description: 'Optional' });

export const signOutRoute: Route = {
  method: 'POST',
  path: '/sign-out',
  operationId: 'signOut',
  summary:
    "End the caller's session (or, with everywhere: true, every session of the user; with others: true, every other one); the tokens stop working at once",
  tag: 'Sessions',
  auth: true,
  body: signOutBody,
  bodyOptional: true,
  status: 200,
  response: success,
  errors: ['VALIDATION_ERROR', 'INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'],
  async handle(ctx) {
    const body = ctx.body as z.infer<typeof signOutBody> | undefined;
    const others = body?.others === true;
    await ctx.ops.signOut(ctx.accessToken, { everywhere: body?.everywhere === true, others });
    if (others) return { success: true };
    if (ctx.cookieTransport || ctx.request.header('cookie')) clearTokenCookies(ctx.headers, ctx.cookies);
    return { success: true };
  },
};
