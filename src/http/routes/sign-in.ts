/** POST /sign-in/email */
import type { SignInInput } from '../../services/accounts/sign-in.js';
import type { Route } from '../route.js';
import { authResult, signInBody } from '../schemas.js';
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
  response: authResult,
  errors: ['VALIDATION_ERROR', 'INVALID_CREDENTIALS', 'USER_SUSPENDED'],
  async handle(ctx) {
    return tokenResponse(ctx, await ctx.ops.signIn(ctx.body as SignInInput, ctx.client));
  },
};
