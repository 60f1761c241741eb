/** Hands tokens to the client: in the JSON body, or in cookies when the client asked for them. */
import type { AuthResult } from '../../services/views.js';
import { setTokenCookies } from '../cookies.js';
import type { RouteContext } from '../route.js';

export function tokenResponse(ctx: RouteContext, result: AuthResult): unknown {
  if (!ctx.cookieTransport) return result;
  setTokenCookies(ctx.headers, ctx.cookies, result, {
    access: result.expiresIn,
    refresh: ctx.settings.sessionAbsoluteTtl,
  });
  const { accessToken: _a, refreshToken: _r, ...rest } = result;
  return rest;
}
