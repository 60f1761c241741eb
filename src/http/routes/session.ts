/** GET /session — who is signed in. */

import type { Route } from '../route.js';
import { sessionInfo } from '../schemas.js';

export const sessionRoute: Route = {
  method: 'GET',
  path: '/session',
  operationId: 'getSession',
  summary: 'The signed-in user and their session',
  tag: 'Sessions',
  auth: true,
  status: 200,
  response: sessionInfo,
  errors: ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'],
  handle: (ctx) => ctx.ops.getSession(ctx.accessToken),
};
