/** POST /sign-up/email */
import type { SignUpInput } from '../../services/accounts/sign-up.js';
import type { Route } from '../route.js';
import { authResult, signUpBody } from '../schemas.js';
import { tokenResponse } from './token-response.js';

export const signUpRoute: Route = {
  method: 'POST',
  path: '/sign-up/email',
  operationId: 'signUpEmail',
  limited: true,
  hashes: true,
  summary: 'Create an account with email and password, and sign in',
  tag: 'Accounts',
  body: signUpBody,
  status: 201,
  response: authResult,
  errors: ['VALIDATION_ERROR', 'WEAK_PASSWORD', 'USER_EXISTS', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  async handle(ctx) {
    return tokenResponse(ctx, await ctx.ops.signUp(ctx.body as SignUpInput, ctx.client));
  },
};
