/**
 * POST /sign-in/id-token: sign-in with an ID token from Firebase, Google, Apple or another
 * configured provider (docs/id-tokens.md); and POST /identities/id-token: the signed-in user
 * links the identity such a token proves.
 */
import { z } from 'zod';
import {
  type IdTokenInput,
  MAX_ID_TOKEN_LENGTH,
  MAX_NONCE_LENGTH,
} from '../../services/id-tokens/identity-from-id-token.js';
import { isMfaChallenge } from '../../services/mfa/pending-sign-in.js';
import type { Route } from '../route.js';
import { apiSchemas, signInResult } from '../schemas.js';
import { identityView } from './identities.js';
import { tokenResponse } from './token-response.js';

const idTokenBody = z
  .strictObject({
    provider: z.string().max(64).meta({ example: 'firebase', description: 'A configured provider name' }),
    idToken: z.string().min(1).max(MAX_ID_TOKEN_LENGTH).meta({ description: 'The ID token (a JWT)' }),
    nonce: z.string().min(1).max(MAX_NONCE_LENGTH).optional().meta({
      description:
        "The raw nonce the app made for this sign-in; the token's `nonce` claim must be it, or its SHA-256 in hex, as the provider's `nonce` setting says",
    }),
  })
  .register(apiSchemas, { id: 'IdTokenRequest' });

const tokenErrors = [
  'VALIDATION_ERROR',
  'PROVIDER_NOT_FOUND',
  'INVALID_ID_TOKEN',
  'RATE_LIMITED',
  'UNAVAILABLE',
];

export const signInWithIdTokenRoute: Route = {
  method: 'POST',
  path: '/sign-in/id-token',
  operationId: 'signInIdToken',
  limited: true,
  summary: 'Sign in with an ID token from Firebase, Google, Apple or another configured provider',
  tag: 'Identities',
  body: idTokenBody,
  status: 200,
  response: signInResult,
  errors: [...tokenErrors, 'IDENTITY_NOT_LINKED', 'SIGN_UP_CLOSED', 'USER_SUSPENDED', 'INVALID_CREDENTIALS'],
  async handle(ctx) {
    const result = await ctx.ops.signInWithIdToken(ctx.body as IdTokenInput, ctx.client);
    // A second factor is due: the challenge goes back as it is — no cookie, no token.
    return isMfaChallenge(result) ? result : tokenResponse(ctx, result);
  },
};

export const linkIdTokenRoute: Route = {
  method: 'POST',
  path: '/identities/id-token',
  operationId: 'linkIdToken',
  limited: true,
  summary: "Link the identity an ID token proves to the caller's account (recent sign-in needed)",
  tag: 'Identities',
  auth: true,
  body: idTokenBody,
  status: 200,
  // The shape of GET /identities' entries.
  response: z.object({ identity: identityView }),
  errors: [
    'IMPERSONATION_RESTRICTED',
    ...tokenErrors,
    'IDENTITY_IN_USE',
    'INVALID_TOKEN',
    'TOKEN_EXPIRED',
    'SESSION_NOT_FOUND',
    'REAUTH_REQUIRED',
  ],
  handle: async (ctx) => ({
    identity: await ctx.ops.linkIdToken(ctx.accessToken, ctx.body as IdTokenInput, ctx.client),
  }),
};
