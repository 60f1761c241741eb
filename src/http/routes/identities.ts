/** The caller's linked identities (providers they sign in with): list and unlink. */
import { z } from 'zod';
import type { Route } from '../route.js';
import { apiSchemas, success } from '../schemas.js';

const sessionErrors = ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'];

export const identityView = z
  .object({
    id: z.string(),
    provider: z.string().meta({ example: 'google' }),
    email: z.string().nullable().meta({ description: 'The address the provider gave at the last sign-in' }),
    createdAt: z.string().meta({ format: 'date-time' }),
    lastUsedAt: z.string().nullable().meta({ format: 'date-time' }),
  })
  .register(apiSchemas, { id: 'Identity' });

export const listIdentitiesRoute: Route = {
  method: 'GET',
  path: '/identities',
  operationId: 'listIdentities',
  summary: "The caller's linked identities (providers they sign in with)",
  tag: 'Identities',
  auth: true,
  status: 200,
  response: z.object({ identities: z.array(identityView) }).register(apiSchemas, { id: 'IdentityList' }),
  errors: sessionErrors,
  handle: async (ctx) => ({ identities: await ctx.ops.listIdentities(ctx.accessToken) }),
};

export const unlinkIdentityRoute: Route = {
  method: 'DELETE',
  path: '/identities/:id',
  operationId: 'unlinkIdentity',
  summary: 'Unlink a provider from your account (recent sign-in needed; never the last way to sign in)',
  tag: 'Identities',
  auth: true,
  status: 200,
  response: success,
  errors: [
    'IMPERSONATION_RESTRICTED',
    'NOT_FOUND',
    'LAST_SIGN_IN_METHOD',
    ...sessionErrors,
    'REAUTH_REQUIRED',
  ],
  async handle(ctx) {
    await ctx.ops.unlinkIdentity(ctx.accessToken, ctx.params.id ?? '', ctx.client);
    return { success: true };
  },
};
