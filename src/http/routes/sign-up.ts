/** POST /sign-up/email */

import { z } from 'zod';
import type { SignUpInput } from '../../services/accounts/sign-up.js';
import type { Route } from '../route.js';
import { accepted, authResult, signUpBody } from '../schemas.js';
import { tokenResponse } from './token-response.js';

export const signUpRoute: Route = {
  method: 'POST',
  path: '/sign-up/email',
  operationId: 'signUpEmail',
  limited: true,
  hashes: true,
  summary:
    'Create an account with email and password, and sign in; with requireEmailVerified, 202 (the same for a taken address) and no session until the address is verified',
  tag: 'Accounts',
  body: signUpBody,
  status: 201,
  response: z.union([authResult, accepted]),
  errors: [
    'VALIDATION_ERROR',
    'WEAK_PASSWORD',
    'USER_EXISTS',
    'SIGN_UP_CLOSED',
    'SIGN_UP_REJECTED',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
  ],
  async handle(ctx) {
    if (ctx.settings.requireEmailVerified) {
      ctx.setStatus(202);
      return ctx.ops.signUpPendingVerification(ctx.body as SignUpInput, ctx.client);
    }
    return tokenResponse(ctx, await ctx.ops.signUp(ctx.body as SignUpInput, ctx.client));
  },
};
