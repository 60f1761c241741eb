/**
 * Personal access tokens (/tokens): create one (shown once), list, revoke one, revoke all — the
 * caller's own only. Every route takes a session's access token: a personal access token cannot
 * mint or manage tokens. The creation body drops fields it does not know, so a `userId` never
 * chooses the owner (it is ignored rather than refused, like any other unknown field here).
 */
import { z } from 'zod';
import { patInputSchema } from '../../services/pats/pat-input.js';
import type { Route } from '../route.js';
import { apiSchemas } from '../schemas.js';

const sessionErrors = ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'];
const isoTime = z.string().meta({ format: 'date-time' });

const patView = z
  .object({
    id: z.string().meta({ example: 'pat_0190f2a81b3c7abc8123456789abcdef' }),
    name: z.string(),
    scopes: z.array(z.string()),
    appId: z.string().meta({ example: 'app_00000000000070008000000000000000' }),
    createdAt: isoTime,
    expiresAt: isoTime.nullable(),
    lastUsedAt: isoTime.nullable().meta({ description: 'Recorded at most once a minute' }),
  })
  .register(apiSchemas, { id: 'PersonalAccessToken' });

const createBody = patInputSchema.register(apiSchemas, {
  id: 'CreatePersonalAccessTokenRequest',
  description: 'Unknown fields (a `userId`, say) are ignored: the owner is always the caller',
});

export const createPatRoute: Route = {
  method: 'POST',
  path: '/tokens',
  operationId: 'createPat',
  summary: 'Create a personal access token for your session’s app; the token is in this answer only',
  tag: 'Personal access tokens',
  auth: true,
  body: createBody,
  status: 201,
  response: z
    .object({
      token: z.string().meta({
        description: 'pat_<32 hex>_<base64url secret>: send as Authorization: Bearer; never shown again',
      }),
      pat: patView,
    })
    .register(apiSchemas, { id: 'CreatedPersonalAccessToken' }),
  errors: ['IMPERSONATION_RESTRICTED', 'VALIDATION_ERROR', 'TOKEN_LIMIT_REACHED', ...sessionErrors],
  handle: (ctx) => ctx.ops.createPat(ctx.accessToken, ctx.body, ctx.client),
};

export const listPatsRoute: Route = {
  method: 'GET',
  path: '/tokens',
  operationId: 'listPats',
  summary: 'Your personal access tokens that are not revoked (never a secret)',
  tag: 'Personal access tokens',
  auth: true,
  status: 200,
  response: z.object({ tokens: z.array(patView) }).register(apiSchemas, { id: 'PersonalAccessTokenList' }),
  errors: sessionErrors,
  handle: async (ctx) => ({ tokens: await ctx.ops.listPats(ctx.accessToken) }),
};

export const revokePatRoute: Route = {
  method: 'DELETE',
  path: '/tokens/:id',
  operationId: 'revokePat',
  summary: 'Revoke one of your personal access tokens (another user’s is 404, as an unknown one)',
  tag: 'Personal access tokens',
  auth: true,
  status: 204,
  response: z.null().meta({ description: 'No content' }),
  errors: ['NOT_FOUND', ...sessionErrors],
  async handle(ctx) {
    await ctx.ops.revokePat(ctx.accessToken, ctx.params.id ?? '', ctx.client);
    return undefined;
  },
};

export const revokeAllPatsRoute: Route = {
  method: 'DELETE',
  path: '/tokens',
  operationId: 'revokeAllPats',
  summary: 'Revoke every personal access token you hold',
  tag: 'Personal access tokens',
  auth: true,
  status: 200,
  response: z
    .object({ revoked: z.number().int().meta({ description: 'How many were revoked' }) })
    .register(apiSchemas, { id: 'RevokedPersonalAccessTokens' }),
  errors: sessionErrors,
  handle: (ctx) => ctx.ops.revokeAllPats(ctx.accessToken, ctx.client),
};

/** In documentation order. */
export const PAT_ROUTES: readonly Route[] = [
  createPatRoute,
  listPatsRoute,
  revokePatRoute,
  revokeAllPatsRoute,
];
