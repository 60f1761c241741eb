/**
 * `GET /` of a server with the pages on: where the API and the health routes are, as JSON. (A
 * sign-in page is planned here.) A JSON route, but not part of the API or its OpenAPI document;
 * the framework adapters leave `/` to the host app, so only a whole-server handler
 * (`gatehouse serve`, the node adapter) answers it.
 */
import { z } from 'zod';
import type { Route } from '../../http/route.js';

const pointer = z.object({
  name: z.string(),
  api: z.string(),
  openapi: z.string(),
  health: z.string(),
  ready: z.string(),
  jwks: z.string(),
});

export const homeRoute: Route = {
  method: 'GET',
  path: '/',
  absolute: true,
  operationId: 'home',
  summary: 'Where the API and the health checks are',
  tag: 'System',
  status: 200,
  response: pointer,
  errors: [],
  // It reads only settings, so it answers even when the instance did not start.
  withoutStartup: true,
  handle: async ({ settings }): Promise<z.infer<typeof pointer>> => ({
    name: settings.pages.productName,
    api: settings.basePath,
    openapi: `${settings.basePath}/openapi.json`,
    health: '/healthz',
    ready: '/readyz',
    jwks: '/.well-known/jwks.json',
  }),
};
