/** JWKS and health checks. */
import { GatehouseError } from '../../core/errors.js';
import type { Route } from '../route.js';
import { health, jwks } from '../schemas.js';

export const jwksRoute: Route = {
  method: 'GET',
  path: '/.well-known/jwks.json',
  absolute: true,
  operationId: 'jwks',
  summary: 'Public keys that verify access tokens',
  tag: 'System',
  status: 200,
  response: jwks,
  errors: [],
  cacheable: 'public, max-age=300',
  handle: async (ctx) => ctx.ops.jwks(),
};

export const healthzRoute: Route = {
  method: 'GET',
  path: '/healthz',
  absolute: true,
  operationId: 'healthz',
  summary: 'Liveness: the process answers',
  tag: 'System',
  status: 200,
  response: health,
  errors: [],
  withoutStartup: true,
  handle: async () => ({ status: 'ok' }),
};

export const readyzRoute: Route = {
  method: 'GET',
  path: '/readyz',
  absolute: true,
  operationId: 'readyz',
  summary: 'Readiness: the database answers',
  tag: 'System',
  status: 200,
  response: health,
  errors: ['UNAVAILABLE'],
  async handle(ctx) {
    try {
      await ctx.ops.ping();
    } catch (cause) {
      throw new GatehouseError('UNAVAILABLE', 'The database is not reachable', {}, { cause });
    }
    return { status: 'ready' };
  },
};
