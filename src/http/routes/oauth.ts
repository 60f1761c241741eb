/**
 * Sign-in with an outside provider (OpenID Connect / OAuth; docs/social-login.md): start (a
 * redirect to the provider, and the browser-binding cookie), link (the same, for a signed-in
 * user), the provider's callback (GET, or POST for form_post providers such as Apple), the code
 * exchange of SPAs and mobile apps, and the MFA step of a cookie-mode sign-in.
 *
 * The binding cookie is HttpOnly, sealed, limited to `<basePath>/oauth`, lives as long as a flow
 * and is SameSite=Lax — SameSite=None (and Secure) for form_post providers, whose callback is a
 * cross-site POST that would not carry a Lax cookie.
 */
import { z } from 'zod';
import { GatehouseError } from '../../core/errors.js';
import { isMfaChallenge } from '../../services/mfa/pending-sign-in.js';
import { callbackLocation } from '../../services/oauth/callback-location.js';
import type { ExchangeOAuthCodeInput } from '../../services/oauth/exchange-oauth-code.js';
import type { OAuthCallbackOutcome } from '../../services/oauth/handle-callback.js';
import { readCookie, setTokenCookies } from '../cookies.js';
import { allowedOrigins, checkSameOrigin } from '../origin-check.js';
import { readFormBody } from '../read-body.js';
import type { Route, RouteContext } from '../route.js';
import { apiSchemas, mfaChallenge, signInResult } from '../schemas.js';
import { tokenResponse } from './token-response.js';

const BINDING = 'gh_oauth';
/** The binding of form_post flows, apart: a Lax start elsewhere must not overwrite its None cookie. */
const POST_BINDING = 'gh_oauth_post';
const MFA = 'gh_oauth_mfa';

const redirect = z
  .object({
    location: z.string().meta({ description: 'Where the browser is sent (also the Location header)' }),
  })
  .register(apiSchemas, { id: 'OAuthRedirect' });

const exchangeBody = z
  .strictObject({
    code: z.string().max(128).meta({ description: 'The `code` the callback added to returnTo (gh_oac_…)' }),
    codeVerifier: z
      .string()
      .max(128)
      .meta({ description: 'The PKCE verifier whose S256 was the code_challenge at start' }),
  })
  .register(apiSchemas, { id: 'OAuthExchangeRequest' });

type SameSite = 'Lax' | 'Strict' | 'None';

function cookieName(ctx: RouteContext, base: string): string {
  return ctx.cookies.secure ? `__Secure-${base}` : base;
}

function setCookie(ctx: RouteContext, base: string, value: string, maxAge: number, sameSite: SameSite): void {
  // Browsers drop SameSite=None without Secure; plain http://localhost gets Lax.
  const site = sameSite === 'None' && !ctx.cookies.secure ? 'Lax' : sameSite;
  const path = `${ctx.settings.basePath}/oauth`;
  ctx.headers.appendCookie(
    `${cookieName(ctx, base)}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=${site}${ctx.cookies.secure ? '; Secure' : ''}`,
  );
}

/** The browser's binding cookies, form_post's first. */
function bindings(ctx: RouteContext): string[] {
  return [POST_BINDING, BINDING]
    .map((base) => readCookie(ctx.request, cookieName(ctx, base)))
    .filter((value): value is string => value !== undefined);
}

function query(ctx: RouteContext): URLSearchParams {
  const target = ctx.request.target;
  const at = target.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : target.slice(at + 1));
}

function redirectTo(ctx: RouteContext, location: string, status = 302): { location: string } {
  ctx.headers.set('location', location);
  // Nothing of the flow may leak to the next page through Referer.
  ctx.headers.set('referrer-policy', 'no-referrer');
  ctx.setStatus(status);
  return { location };
}

async function start(ctx: RouteContext, linkAccessToken?: string): Promise<{ location: string }> {
  const q = query(ctx);
  const mode = q.get('mode');
  if (mode !== null && mode !== 'code' && mode !== 'cookie') {
    throw new GatehouseError('VALIDATION_ERROR', 'mode is `cookie` (the default) or `code`', {
      issues: [{ path: 'mode', message: 'cookie or code' }],
    });
  }
  const started = await ctx.ops.startOAuth({
    provider: ctx.params.provider ?? '',
    returnTo: q.get('returnTo'),
    mode: mode === 'code' ? 'code' : 'cookie',
    codeChallenge: q.get('code_challenge'),
    codeChallengeMethod: q.get('code_challenge_method'),
    // A browser keeps its binding across flows (two tabs both finish); either cookie names it.
    binding: bindings(ctx)[0] ?? null,
    // A browser's redirect carries no header: the app may come as a parameter.
    app: q.get('app') ?? ctx.client.app ?? null,
    ...(linkAccessToken === undefined ? {} : { linkAccessToken }),
  });
  setCookie(
    ctx,
    started.formPost ? POST_BINDING : BINDING,
    started.binding,
    started.bindingMaxAge,
    started.formPost ? 'None' : 'Lax',
  );
  return redirectTo(ctx, started.url);
}

export const startOAuthRoute: Route = {
  method: 'GET',
  path: '/oauth/:provider/start',
  operationId: 'startOAuth',
  limited: true,
  summary:
    'Sign in with a provider: redirects to it (query: returnTo, app, and for code mode mode=code, code_challenge, code_challenge_method=S256)',
  tag: 'Social sign-in',
  status: 302,
  response: redirect,
  errors: ['PROVIDER_NOT_FOUND', 'VALIDATION_ERROR', 'RATE_LIMITED', 'UNAVAILABLE'],
  handle: (ctx) => start(ctx),
};

export const linkOAuthRoute: Route = {
  method: 'GET',
  path: '/oauth/:provider/link',
  operationId: 'linkOAuth',
  limited: true,
  auth: true,
  summary:
    'Link a provider to the signed-in account: redirects to it (query: returnTo; recent sign-in needed)',
  tag: 'Social sign-in',
  status: 302,
  response: redirect,
  errors: [
    'IMPERSONATION_RESTRICTED',
    'PROVIDER_NOT_FOUND',
    'INVALID_TOKEN',
    'TOKEN_EXPIRED',
    'SESSION_NOT_FOUND',
    'REAUTH_REQUIRED',
    'ORIGIN_NOT_ALLOWED',
    'RATE_LIMITED',
    'UNAVAILABLE',
  ],
  handle(ctx) {
    // A cookie rides along on a navigation another site starts; only our own pages may start a
    // link with it (else a page could link whatever provider account its victim's browser is
    // signed in to — maybe the attacker's — to the victim's account).
    if (!ctx.request.header('authorization')) {
      checkSameOrigin(
        (name) => ctx.request.header(name),
        ctx.settings.baseUrl ? new URL(ctx.settings.baseUrl).origin : ctx.request.origin,
        allowedOrigins(ctx.settings),
      );
    }
    return start(ctx, ctx.accessToken);
  },
};

async function callback(ctx: RouteContext, params: URLSearchParams, status: number): Promise<unknown> {
  const outcome: OAuthCallbackOutcome = await ctx.ops.handleOAuthCallback(
    { provider: ctx.params.provider ?? '', params, bindings: bindings(ctx) },
    ctx.client,
  );
  if (outcome.kind === 'signed_in') {
    setTokenCookies(ctx.headers, ctx.cookies, outcome.result, {
      access: outcome.result.expiresIn,
      refresh: ctx.settings.sessionAbsoluteTtl,
    });
  } else if (outcome.kind === 'mfa_required') {
    // The mfaToken stays out of the URL: only our own pages get it, from POST /oauth/mfa.
    setCookie(ctx, MFA, outcome.challenge.mfaToken, outcome.challenge.expiresIn, 'Strict');
  }
  return redirectTo(ctx, callbackLocation(outcome), status);
}

const callbackErrors = [
  'PROVIDER_NOT_FOUND',
  'OAUTH_STATE_INVALID',
  'OAUTH_FAILED',
  'RATE_LIMITED',
  'UNAVAILABLE',
];

export const oauthCallbackRoute: Route = {
  method: 'GET',
  path: '/oauth/:provider/callback',
  operationId: 'oauthCallback',
  limited: true,
  summary:
    "The provider's answer: checks it, then redirects to returnTo (session cookies, a code, or error=)",
  tag: 'Social sign-in',
  status: 302,
  response: redirect,
  errors: callbackErrors,
  handle: (ctx) => callback(ctx, query(ctx), 302),
};

export const oauthFormPostCallbackRoute: Route = {
  method: 'POST',
  path: '/oauth/:provider/callback',
  operationId: 'oauthFormPostCallback',
  limited: true,
  summary: "The provider's answer as a form POST (response_mode=form_post, e.g. Apple); then like the GET",
  tag: 'Social sign-in',
  status: 303,
  response: redirect,
  errors: [...callbackErrors, 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'],
  // 303, never 307: the browser must not send the provider's form on to returnTo (RFC 9700 §4.12).
  handle: async (ctx) => callback(ctx, await readFormBody(ctx.request, ctx.settings.bodyLimit), 303),
};

export const exchangeOAuthCodeRoute: Route = {
  method: 'POST',
  path: '/oauth/exchange',
  operationId: 'exchangeOAuthCode',
  limited: true,
  summary: "Code mode: the callback's one-time code plus your PKCE verifier → tokens (or an MFA challenge)",
  tag: 'Social sign-in',
  body: exchangeBody,
  status: 200,
  response: signInResult,
  errors: [
    'VALIDATION_ERROR',
    'OAUTH_STATE_INVALID',
    'IDENTITY_NOT_LINKED',
    'SIGN_UP_CLOSED',
    'USER_SUSPENDED',
    'INVALID_CREDENTIALS',
    'RATE_LIMITED',
  ],
  async handle(ctx) {
    const result = await ctx.ops.exchangeOAuthCode(ctx.body as ExchangeOAuthCodeInput, ctx.client);
    return isMfaChallenge(result) ? result : tokenResponse(ctx, result);
  },
};

export const resumeOAuthMfaRoute: Route = {
  method: 'POST',
  path: '/oauth/mfa',
  operationId: 'resumeOAuthMfa',
  limited: true,
  summary: 'Cookie mode: the MFA challenge of a provider sign-in (from its HttpOnly cookie), for /mfa/verify',
  tag: 'Social sign-in',
  status: 200,
  response: mfaChallenge,
  errors: ['INVALID_MFA_TOKEN', 'ORIGIN_NOT_ALLOWED', 'RATE_LIMITED'],
  async handle(ctx) {
    // The answer holds the mfaToken: only our own pages may read it.
    checkSameOrigin(
      (name) => ctx.request.header(name),
      ctx.settings.baseUrl ? new URL(ctx.settings.baseUrl).origin : ctx.request.origin,
      allowedOrigins(ctx.settings),
    );
    const token = readCookie(ctx.request, cookieName(ctx, MFA));
    const challenge = await ctx.ops.resumeOAuthMfa(token ?? '', ctx.client);
    setCookie(ctx, MFA, '', 0, 'Strict');
    return challenge;
  },
};

export const OAUTH_ROUTES: readonly Route[] = [
  startOAuthRoute,
  linkOAuthRoute,
  oauthCallbackRoute,
  oauthFormPostCallbackRoute,
  exchangeOAuthCodeRoute,
  resumeOAuthMfaRoute,
];
