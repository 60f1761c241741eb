/** `gatehouse-auth/node` under a real `node:http` server. */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { SignedIn } from '../../src/adapters/authenticate.js';
import {
  optionalUser,
  requirePermission,
  requirePlan,
  requireRole,
  requireScope,
  requireUser,
  toNodeHandler,
} from '../../src/adapters/node.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { APP_B, adapterCases, GUARDED, overHttp, streamedJson } from './cases.js';

const json = (res: ServerResponse, body: unknown) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('node:http', () => {
  adapterCases(async (gatehouse) => {
    const serve = toNodeHandler(gatehouse);
    const me = requireUser(gatehouse, (_req, res, { user }) => {
      json(res, { hello: user.email });
    });
    const strong = requireUser(
      gatehouse,
      (_req, res, { user }) => {
        json(res, { hello: user.email });
      },
      { aal: 2 },
    );
    const maybe = optionalUser(gatehouse, (_req, res, signedIn) => {
      json(res, { hello: signedIn?.user.email ?? null });
    });
    const guarded = (_req: unknown, res: ServerResponse, { user, caller }: SignedIn) => {
      json(res, { hello: user.email, kind: caller.kind });
    };
    const routes: Record<string, ReturnType<typeof toNodeHandler>> = {
      [GUARDED.admin]: requireRole(gatehouse, 'admin', guarded),
      [GUARDED.invoices]: requirePermission(gatehouse, 'invoices:read', guarded),
      [GUARDED.pro]: requirePlan(gatehouse, 'pro', guarded),
      [GUARDED.profile]: requireScope(gatehouse, 'profile:read', guarded),
      [GUARDED.appB]: requireUser(gatehouse, guarded, { app: APP_B }),
    };
    return overHttp(async (req, res) => {
      const route = routes[req.url ?? ''];
      if (route) await route(req, res);
      else if (req.url === '/api/me') await me(req, res);
      else if (req.url === '/api/strong') await strong(req, res);
      else if (req.url === '/api/maybe') await maybe(req, res);
      else if (req.url === '/api/public') json(res, { ok: true });
      else await serve(req, res);
    });
  });

  // Regression: after answering 413 to a body still arriving, the connection used to stay open
  // (the socket paused mid-body) instead of closing.
  it('drops the connection after refusing a body that is still arriving', async () => {
    const gatehouse = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
    await gatehouse.ready();
    const app = await overHttp(toNodeHandler(gatehouse));
    try {
      const res = await app.request('/auth/sign-in/email', streamedJson(10));
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
    } finally {
      await app.close();
      await gatehouse.close();
    }
  });
});

describe('a malformed Host header', () => {
  it('is a 400, not a 500', async () => {
    const gatehouse = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
    const reply = await gatehouse.respond({
      method: 'GET',
      target: '/auth/session',
      origin: 'http://a b',
      header: () => undefined,
      hasBody: false,
      readBody: async () => new Uint8Array(),
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body as string).error.code).toBe('VALIDATION_ERROR');
    await gatehouse.close();
  });
});
