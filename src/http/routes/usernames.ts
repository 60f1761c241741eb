/**
 * POST /sign-up/username and POST /sign-in/username: the email routes' twins for accounts named
 * by a username (see docs/usernames.md). The same limits, overload control and answers; a taken
 * username is `USERNAME_TAKEN` where the email route says `USER_EXISTS`.
 */
import { z } from 'zod';
import { isMfaChallenge } from '../../services/mfa/pending-sign-in.js';
import type { UsernameSignInInput } from '../../services/usernames/sign-in-with-username.js';
import type { UsernameSignUpInput } from '../../services/usernames/sign-up-with-username.js';
import type { Route } from '../route.js';
import { accepted, authResult, signInResult, usernameSignInBody, usernameSignUpBody } from '../schemas.js';
import { tokenResponse } from './token-response.js';

export const usernameSignUpRoute: Route = {
  method: 'POST',
  path: '/sign-up/username',
  operationId: 'signUpUsername',
  limited: true,
  hashes: true,
  summary:
    'Create an account with a username and password (email optional), and sign in; with requireEmailVerified, an email is required and the answer is 202 whatever is taken, with no session until the address is verified',
  tag: 'Accounts',
  body: usernameSignUpBody,
  status: 201,
  response: z.union([authResult, accepted]),
  errors: [
    'VALIDATION_ERROR',
    'WEAK_PASSWORD',
    'USERNAME_TAKEN',
    'USER_EXISTS',
    'SIGN_UP_CLOSED',
    'SIGN_UP_REJECTED',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
  ],
  async handle(ctx) {
    const result = await ctx.ops.signUpWithUsername(ctx.body as UsernameSignUpInput, ctx.client);
    if ('accepted' in result) {
      ctx.setStatus(202);
      return result;
    }
    return tokenResponse(ctx, result);
  },
};

export const usernameSignInRoute: Route = {
  method: 'POST',
  path: '/sign-in/username',
  operationId: 'signInUsername',
  limited: true,
  hashes: true,
  summary: 'Sign in with a username and password',
  tag: 'Accounts',
  body: usernameSignInBody,
  status: 200,
  response: signInResult,
  errors: ['VALIDATION_ERROR', 'INVALID_CREDENTIALS', 'USER_SUSPENDED', 'EMAIL_NOT_VERIFIED', 'RATE_LIMITED'],
  async handle(ctx) {
    const { sessionTtl, ...input } = ctx.body as UsernameSignInInput & { sessionTtl?: number };
    const result = await ctx.ops.signInWithUsername(
      input,
      ctx.client,
      sessionTtl === undefined ? {} : { sessionTtl },
    );
    // A second factor is due: the challenge goes back as it is — no cookie, no token.
    return isMfaChallenge(result) ? result : tokenResponse(ctx, result);
  },
};
