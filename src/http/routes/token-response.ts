/** Hands tokens to the client: in the JSON body, or in cookies when the client asked for them. */
import type { AuthResult } from '../../services/views.js';
import { setAccessCookie, setTokenCookies } from '../cookies.js';
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

/** Hands a new access token (same session, refresh token unchanged) to the client. */
export function accessResponse<T extends { accessToken: string; expiresIn: number }>(
  ctx: RouteContext,
  result: T,
): unknown {
  if (!ctx.cookieTransport) return result;
  setAccessCookie(ctx.headers, ctx.cookies, result.accessToken, result.expiresIn);
  const { accessToken: _a, ...rest } = result;
  return rest;
}
