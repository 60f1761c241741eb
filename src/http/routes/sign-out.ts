/** POST /sign-out — ends the caller's session. */
import { clearTokenCookies } from '../cookies.js';
import type { Route } from '../route.js';
import { success } from '../schemas.js';

export const signOutRoute: Route = {
  method: 'POST',
  path: '/sign-out',
  operationId: 'signOut',
  summary: "End the caller's session; its access and refresh tokens stop working at once",
  tag: 'Sessions',
  auth: true,
  status: 200,
  response: success,
  errors: ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'],
  async handle(ctx) {
    await ctx.ops.signOut(ctx.accessToken);
    if (ctx.cookieTransport || ctx.request.header('cookie')) clearTokenCookies(ctx.headers, ctx.cookies);
    return { success: true };
  },
};
