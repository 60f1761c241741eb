/**
 * Passwordless sign-in by mail (docs/passwordless.md): ask for a magic link or a code (202, the
 * same whether or not the address has an account), then sign in with it — a session like
 * `POST /sign-in/email`, or an MFA challenge when the account has a second factor.
 */

import { isMfaChallenge } from '../../services/mfa/pending-sign-in.js';
import type { EmailCodeSignIn } from '../../services/passwordless/verify-email-code.js';
import type { Route } from '../route.js';
import {
  accepted,
  emailCodeRequestBody,
  emailCodeSignInBody,
  magicLinkRequestBody,
  magicLinkSignInBody,
  signInResult,
} from '../schemas.js';
import { tokenResponse } from './token-response.js';

const signInErrors = [
  'VALIDATION_ERROR',
  'USER_SUSPENDED',
  'SIGN_UP_CLOSED',
  'SIGN_UP_REJECTED',
  'NOT_FOUND',
];

export const requestMagicLinkRoute: Route = {
  method: 'POST',
  path: '/sign-in/magic-link',
  operationId: 'requestMagicLink',
  limited: true,
  summary: 'Mail a sign-in link (202 with the same body whether or not the address has an account)',
  tag: 'Passwordless',
  body: magicLinkRequestBody,
  status: 202,
  response: accepted,
  errors: ['VALIDATION_ERROR', 'RATE_LIMITED', 'NOT_FOUND'],
  async handle(ctx) {
    // Resolves once the address is validated; the lookup and mail happen after the answer.
    await ctx.ops.requestMagicLink((ctx.body as { email: string }).email, ctx.client);
    return { accepted: true };
  },
};

export const signInWithMagicLinkRoute: Route = {
  method: 'POST',
  path: '/sign-in/magic-link/verify',
  operationId: 'signInWithMagicLink',
  limited: true,
  summary: "Sign in with a magic link's token: a session, or an MFA challenge",
  tag: 'Passwordless',
  body: magicLinkSignInBody,
  status: 200,
  response: signInResult,
  errors: [...signInErrors, 'LINK_INVALID', 'LINK_EXPIRED', 'LINK_USED', 'RATE_LIMITED'],
  async handle(ctx) {
    const result = await ctx.ops.signInWithMagicLink((ctx.body as { token: string }).token, ctx.client);
    // A second factor is due: the challenge goes back as it is — no cookie, no token.
    return isMfaChallenge(result) ? result : tokenResponse(ctx, result);
  },
};

export const requestEmailCodeRoute: Route = {
  method: 'POST',
  path: '/sign-in/email-code',
  operationId: 'requestEmailCode',
  limited: true,
  summary: 'Mail a 6-digit sign-in code (202 with the same body whether or not the address has an account)',
  tag: 'Passwordless',
  body: emailCodeRequestBody,
  status: 202,
  response: accepted,
  errors: ['VALIDATION_ERROR', 'RATE_LIMITED', 'NOT_FOUND'],
  async handle(ctx) {
    await ctx.ops.requestEmailCode((ctx.body as { email: string }).email, ctx.client);
    return { accepted: true };
  },
};

export const signInWithEmailCodeRoute: Route = {
  method: 'POST',
  path: '/sign-in/email-code/verify',
  operationId: 'signInWithEmailCode',
  limited: true,
  summary: 'Sign in with the mailed code: a session, or an MFA challenge',
  tag: 'Passwordless',
  body: emailCodeSignInBody,
  status: 200,
  response: signInResult,
  errors: [...signInErrors, 'INVALID_CODE', 'RATE_LIMITED'],
  async handle(ctx) {
    const result = await ctx.ops.signInWithEmailCode(ctx.body as EmailCodeSignIn, ctx.client);
    return isMfaChallenge(result) ? result : tokenResponse(ctx, result);
  },
};
