/** POST /sign-in/email: a session, or — when the account has a second factor — an MFA challenge. */
import type { SignInInput } from '../../services/accounts/sign-in.js';
import { isMfaChallenge } from '../../services/mfa/pending-sign-in.js';
import type { Route } from '../route.js';
import { signInBody, signInResult } from '../schemas.js';
import { tokenResponse } from './token-response.js';

export const signInRoute: Route = {
  method: 'POST',
  path: '/sign-in/email',
  operationId: 'signInEmail',
  limited: true,
  hashes: true,
  summary: 'Sign in with email and password',
  tag: 'Accounts',
  body: signInBody,
  status: 200,
  response: signInResult,
  errors: ['VALIDATION_ERROR', 'INVALID_CREDENTIALS', 'USER_SUSPENDED', 'RATE_LIMITED'],
  async handle(ctx) {
    const result = await ctx.ops.signIn(ctx.body as SignInInput, ctx.client);
    // A second factor is due: the challenge goes back as it is — no cookie, no token.
    return isMfaChallenge(result) ? result : tokenResponse(ctx, result);
  },
};
