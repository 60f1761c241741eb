/** POST /refresh — the refresh token comes in the body, or in its cookie. */
import { GatehouseError } from '../../core/errors.js';
import { readCookie } from '../cookies.js';
import type { Route } from '../route.js';
import { authResult, refreshBody } from '../schemas.js';
import { tokenResponse } from './token-response.js';

export const refreshRoute: Route = {
  method: 'POST',
  path: '/refresh',
  operationId: 'refresh',
  summary: 'Exchange a refresh token for a new access and refresh token (the old one is spent)',
  tag: 'Sessions',
  body: refreshBody,
  bodyOptional: true,
  status: 200,
  response: authResult,
  errors: ['IMPERSONATION_RESTRICTED', 'INVALID_TOKEN', 'REFRESH_TOKEN_REUSED', 'SESSION_NOT_FOUND'],
  async handle(ctx) {
    const fromBody = (ctx.body as { refreshToken?: string } | undefined)?.refreshToken;
    const token = fromBody ?? readCookie(ctx.request, ctx.cookies.refresh);
    if (!token) throw new GatehouseError('INVALID_TOKEN', 'No refresh token was sent');
    return tokenResponse(ctx, await ctx.ops.refresh(token));
  },
};
