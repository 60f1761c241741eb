/** POST /sign-out — ends the caller's session, or with `{everywhere: true}` every session of the user. */
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
  })
  .register(apiSchemas, { id: 'SignOutRequest', description: 'Optional' });

export const signOutRoute: Route = {
  method: 'POST',
  path: '/sign-out',
  operationId: 'signOut',
  summary:
    "End the caller's session (or, with everywhere: true, every session of the user); the tokens stop working at once",
  tag: 'Sessions',
  auth: true,
  body: signOutBody,
  bodyOptional: true,
  status: 200,
  response: success,
  errors: ['VALIDATION_ERROR', 'INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'],
  async handle(ctx) {
    const body = ctx.body as z.infer<typeof signOutBody> | undefined;
    await ctx.ops.signOut(ctx.accessToken, { everywhere: body?.everywhere === true });
    if (ctx.cookieTransport || ctx.request.header('cookie')) clearTokenCookies(ctx.headers, ctx.cookies);
    return { success: true };
  },
};
