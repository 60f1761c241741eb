/** `gatehouse-auth/fastify` in a real Fastify 5 app, driven with `app.inject`. */
import Fastify, { type FastifyInstance, type FastifyRequest, type HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gatehousePlugin,
  optionalUser,
  requirePermission,
  requirePlan,
  requireRole,
  requireScope,
  requireUser,
  signedIn,
} from '../../src/adapters/fastify.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { pageCases } from '../ui/adapter-pages.js';
import { APP_B, adapterCases, GUARDED, type Harness, streamedJson } from './cases.js';

async function appWith(gatehouse: Gatehouse): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(gatehousePlugin(gatehouse));
  app.get('/api/me', { preHandler: requireUser(gatehouse) }, async (request) => ({
    hello: signedIn(request).user.email,
  }));
  app.get('/api/strong', { preHandler: requireUser(gatehouse, { aal: 2 }) }, async (request) => ({
    hello: signedIn(request).user.email,
  }));
  const guarded = async (request: FastifyRequest) => {
    const { user, caller } = signedIn(request);
    return { hello: user.email, kind: caller.kind };
  };
  app.get(GUARDED.admin, { preHandler: requireRole(gatehouse, 'admin') }, guarded);
  app.get(GUARDED.invoices, { preHandler: requirePermission(gatehouse, 'invoices:read') }, guarded);
  app.get(GUARDED.pro, { preHandler: requirePlan(gatehouse, 'pro') }, guarded);
  app.get(GUARDED.profile, { preHandler: requireScope(gatehouse, 'profile:read') }, guarded);
  app.get(GUARDED.appB, { preHandler: requireUser(gatehouse, { app: APP_B }) }, guarded);
  for (const method of ['GET', 'POST'] as const) {
    app.route({
      method,
      url: '/api/maybe',
      preHandler: optionalUser(gatehouse),
      handler: async (request) => ({ hello: request.gatehouse?.user.email ?? null }),
    });
  }
  app.get('/api/public', async () => ({ ok: true }));
  app.post('/api/echo', async (request) => ({ body: request.body }));
  await app.ready();
  return app;
}

/** Sends each request through `app.inject` and hands back a Web `Response`. */
function injecting(app: FastifyInstance): Harness {
  return {
    async request(path, init = {}) {
      const res = await app.inject({
        method: (init.method ?? 'GET') as HTTPMethods,
        url: path,
        headers: Object.fromEntries(new Headers(init.headers)),
        ...(typeof init.body === 'string' ? { payload: init.body } : {}),
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        for (const one of [value ?? []].flat()) headers.append(name, String(one));
      }
      return new Response(new Uint8Array(res.rawPayload), { status: res.statusCode, headers });
    },
    ip: '127.0.0.1',
    close: () => app.close(),
  };
}

describe('fastify', () => {
  adapterCases(async (gatehouse) => injecting(await appWith(gatehouse)));
  pageCases(async (gatehouse) => injecting(await appWith(gatehouse)));

  describe('beside the app', () => {
    let gatehouse: Gatehouse;
    let app: FastifyInstance;
    beforeAll(async () => {
      gatehouse = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
      app = await appWith(gatehouse);
    });
    afterAll(async () => {
      await app?.close();
      await gatehouse?.close();
    });

    it("keeps Fastify's own JSON parsing for the app's routes", async () => {
      const res = await app.inject({ method: 'POST', url: '/api/echo', payload: { a: 1 } });
      expect(res.json()).toEqual({ body: { a: 1 } });
    });

    it("answers a Content-Type Fastify cannot parse with Gatehouse's 415", async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/auth/sign-in/email',
        headers: { 'content-type': 'nonsense' },
        payload: '{}',
      });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    });

    it('refuses a 10 MB body streamed over real HTTP without a length, and drops the connection', async () => {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${url}/auth/sign-in/email`, streamedJson(10));
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    });
  });
});
