/** `gatehouse-auth/express` in a real Express 5 app, with and without `express.json()` in front of it. */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gatehouseRouter,
  optionalUser,
  requirePermission,
  requirePlan,
  requireRole,
  requireScope,
  requireUser,
  signedIn,
} from '../../src/adapters/express.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { pageCases } from '../ui/adapter-pages.js';
import { APP_B, adapterCases, GUARDED, type Harness, overHttp, streamedJson } from './cases.js';

function appWith(gatehouse: Gatehouse, withJsonParser: boolean): express.Express {
  const app = express();
  if (withJsonParser) app.use(express.json());
  app.use(gatehouseRouter(gatehouse));
  app.get('/api/me', requireUser(gatehouse), (req, res) => {
    res.json({ hello: signedIn(req).user.email });
  });
  app.get('/api/strong', requireUser(gatehouse, { aal: 2 }), (req, res) => {
    res.json({ hello: signedIn(req).user.email });
  });
  const guarded = (req: express.Request, res: express.Response) => {
    const { user, caller } = signedIn(req);
    res.json({ hello: user.email, kind: caller.kind });
  };
  app.get(GUARDED.admin, requireRole(gatehouse, 'admin'), guarded);
  app.get(GUARDED.invoices, requirePermission(gatehouse, 'invoices:read'), guarded);
  app.get(GUARDED.pro, requirePlan(gatehouse, 'pro'), guarded);
  app.get(GUARDED.profile, requireScope(gatehouse, 'profile:read'), guarded);
  app.get(GUARDED.appB, requireUser(gatehouse, { app: APP_B }), guarded);
  const maybe = (req: express.Request, res: express.Response) => {
    res.json({ hello: req.gatehouse?.user.email ?? null });
  };
  app.get('/api/maybe', optionalUser(gatehouse), maybe);
  app.post('/api/maybe', optionalUser(gatehouse), maybe);
  app.get('/api/public', (_req, res) => {
    res.json({ ok: true });
  });
  app.post('/api/echo', (req, res) => {
    res.json({ body: req.body ?? null });
  });
  return app;
}

describe.each([
  ['without a body parser', false],
  ['after express.json()', true],
])('express %s', (_name, withJsonParser) => {
  adapterCases(async (gatehouse) => overHttp(appWith(gatehouse, withJsonParser)));
  pageCases(async (gatehouse) => overHttp(appWith(gatehouse, withJsonParser)));

  describe('beside the app', () => {
    let gatehouse: Gatehouse;
    let app: Harness;
    beforeAll(async () => {
      gatehouse = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
      app = await overHttp(appWith(gatehouse, withJsonParser));
    });
    afterAll(async () => {
      await app?.close();
      await gatehouse?.close();
    });

    it("leaves the app's own body parsing alone", async () => {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' };
      const res = await app.request('/api/echo', init);
      expect(await res.json()).toEqual({ body: withJsonParser ? { a: 1 } : null });
    });

    it('leaves paths that merely start with the base path to the app', async () => {
      const res = await app.request('/authority');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    });

    it('treats an empty body as no body, as the bare handler does', async () => {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' };
      const bare = { ...init, headers: { ...init.headers, 'content-length': '0' } }; // as sent over HTTP
      const direct = await gatehouse.handler(new Request('http://localhost/auth/refresh', bare));
      const res = await app.request('/auth/refresh', init);
      expect(res.status).toBe(direct.status);
      expect(await res.json()).toMatchObject({ error: { code: 'INVALID_TOKEN' } });
    });

    it('refuses a 10 MB body streamed without a length, and drops the connection', async () => {
      const res = await app.request('/auth/sign-in/email', streamedJson(10));
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    });

    it('serves Gatehouse under the full path when mounted below the root', async () => {
      const nested = await overHttp(express().use('/auth', gatehouseRouter(gatehouse)));
      try {
        expect((await nested.request('/auth/session')).status).toBe(401);
      } finally {
        await nested.close();
      }
    });
  });
});
