/** `gatehouse-auth/hono` in a real Hono 4 app, driven with `app.request` and under `@hono/node-server`. */
import { getRequestListener } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GatehouseEnv,
  gatehouseRoutes,
  type OptionalGatehouseEnv,
  optionalUser,
  requirePermission,
  requirePlan,
  requireRole,
  requireScope,
  requireUser,
} from '../../src/adapters/hono.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { pageCases } from '../ui/adapter-pages.js';
import { APP_B, adapterCases, GUARDED, overHttp, PASSWORD } from './cases.js';

function appWith(gatehouse: Gatehouse): Hono<GatehouseEnv> {
  const app = new Hono<GatehouseEnv>();
  app.route('/', gatehouseRoutes(gatehouse));
  app.get('/api/me', requireUser(gatehouse), (c) => c.json({ hello: c.var.user.email }));
  app.get('/api/strong', requireUser(gatehouse, { aal: 2 }), (c) => c.json({ hello: c.var.user.email }));
  const guarded = (c: Context<GatehouseEnv>) => c.json({ hello: c.var.user.email, kind: c.var.caller.kind });
  app.get(GUARDED.admin, requireRole(gatehouse, 'admin'), guarded);
  app.get(GUARDED.invoices, requirePermission(gatehouse, 'invoices:read'), guarded);
  app.get(GUARDED.pro, requirePlan(gatehouse, 'pro'), guarded);
  app.get(GUARDED.profile, requireScope(gatehouse, 'profile:read'), guarded);
  app.get(GUARDED.appB, requireUser(gatehouse, { app: APP_B }), guarded);
  const maybe = new Hono<OptionalGatehouseEnv>();
  maybe.on(['GET', 'POST'], '/', optionalUser(gatehouse), (c) =>
    c.json({ hello: c.var.user?.email ?? null }),
  );
  app.route('/api/maybe', maybe as unknown as Hono<GatehouseEnv>);
  app.get('/api/public', (c) => c.json({ ok: true }));
  return app;
}

// What @hono/node-server passes as `c.env`, reduced to the part the adapter reads.
const nodeEnv = { incoming: { socket: { remoteAddress: '203.0.113.7' } } };

describe('hono', () => {
  adapterCases(async (gatehouse) => {
    const app = appWith(gatehouse);
    return {
      request: async (path, init) => app.request(path, init, nodeEnv),
      ip: '203.0.113.7',
      close: async () => {},
    };
  });

  pageCases(async (gatehouse) => overHttp(getRequestListener(appWith(gatehouse).fetch)));

  describe('beside the app', () => {
    let gatehouse: Gatehouse;
    beforeAll(async () => {
      gatehouse = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
      await gatehouse.ready();
    });
    afterAll(async () => {
      await gatehouse?.close();
    });

    it('takes the client address from @hono/node-server', async () => {
      const server = await overHttp(getRequestListener(appWith(gatehouse).fetch));
      try {
        const signUp = await server.request('/auth/sign-up/email', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'grace@example.com', password: PASSWORD }),
        });
        const { accessToken } = await signUp.json();
        const res = await server.request('/auth/sessions', {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        const { sessions } = (await res.json()) as { sessions: Array<{ ip: string | null }> };
        expect(sessions.map((s) => s.ip?.replace(/^::ffff:/, ''))).toEqual([server.ip]);
      } finally {
        await server.close();
      }
    });

    it('still reads the body when a middleware has already consumed it', async () => {
      const app = new Hono();
      app.use(async (c, next) => {
        if (c.req.method === 'POST') await c.req.json().catch(() => undefined);
        await next();
      });
      app.route('/', gatehouseRoutes(gatehouse));
      const init = () => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: 'not-a-real-token' }),
      });
      const direct = await gatehouse.handler(new Request('http://localhost/auth/refresh', init()));
      const res = await app.request('/auth/refresh', init());
      expect(res.status).toBe(direct.status);
      expect(await res.json()).toMatchObject({ error: { code: (await direct.json()).error.code } });
    });
  });
});
