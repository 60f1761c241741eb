/** POST /revoke — ends the session a refresh token belongs to (RFC 7009 style: always 200). */
import { z } from 'zod';
import type { Route } from '../route.js';
import { apiSchemas, success } from '../schemas.js';

const revokeBody = z
  .strictObject({ refreshToken: z.string().max(1024) })
  .register(apiSchemas, { id: 'RevokeRequest' });

export const revokeRoute: Route = {
  method: 'POST',
  path: '/revoke',
  operationId: 'revokeRefreshToken',
  limited: true,
  summary:
    'End the session of a refresh token, without an access token. Answers 200 whether or not the token was valid (RFC 7009)',
  tag: 'Sessions',
  body: revokeBody,
  status: 200,
  response: success,
  errors: ['VALIDATION_ERROR'],
  async handle(ctx) {
    await ctx.ops.revokeRefreshToken((ctx.body as z.infer<typeof revokeBody>).refreshToken);
    return { success: true };
  },
};
