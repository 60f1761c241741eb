/** GET /sessions and DELETE /sessions/:id — the caller's own sessions. */

import type { Route } from '../route.js';
import { sessionList, success } from '../schemas.js';

export const listSessionsRoute: Route = {
  method: 'GET',
  path: '/sessions',
  operationId: 'listSessions',
  summary: "The caller's live sessions (device, ip, created, last used, current)",
  tag: 'Sessions',
  auth: true,
  status: 200,
  response: sessionList,
  errors: ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'],
  handle: async (ctx) => ({ sessions: await ctx.ops.listSessions(ctx.accessToken) }),
};

export const revokeSessionRoute: Route = {
  method: 'DELETE',
  path: '/sessions/:id',
  operationId: 'revokeSession',
  summary: "End one of the caller's sessions",
  tag: 'Sessions',
  auth: true,
  status: 200,
  response: success,
  errors: ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND', 'NOT_FOUND'],
  async handle(ctx) {
    await ctx.ops.revokeSession(ctx.accessToken, ctx.params.id ?? '');
    return { success: true };
  },
};
