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
      await withinDeadline(ctx.ops.ping(), READY_DEADLINE_MS);
    } catch (cause) {
      throw new GatehouseError('UNAVAILABLE', 'The database is not reachable', {}, { cause });
    }
    return { status: 'ready' };
  },
};

/**
 * How long `/readyz` waits for the database. A network that drops packets (rather than refusing)
 * would otherwise hold the probe until the load balancer's own timeout, and a probe that times
 * out tells the balancer less than a 503 does.
 */
const READY_DEADLINE_MS = 1500;

async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
