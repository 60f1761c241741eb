/**
 * HDR-01: every response — success, error, 404/405, health, JWKS, OpenAPI, preflight — carries
 * the security headers; token and user JSON is never cached; HSTS only where https is in play.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatehouseError } from '../../src/core/errors.js';
import { errorResponse } from '../../src/http/respond.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';

const HSTS = 'max-age=31536000; includeSubDomains';

function expectSecurityHeaders(headers: Headers, what: string): void {
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('content-security-policy'), what).toBe("frame-ancestors 'none'; default-src 'none'");
  expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(headers.get('x-request-id'), what).toMatch(/^[\w.-]+$/);
}

describe('security headers on http://localhost (no baseUrl)', () => {
  let t: TestGatehouse;
  let accessToken: string;
  beforeAll(async () => {
    t = await openGatehouse('sqlite');
    accessToken = (await t.signUp()).accessToken;
  });
  afterAll(() => t.close());

  it('HDR-01: success, error, 404, 405, health, readiness, JWKS, OpenAPI and preflight replies all carry them', async () => {
    const replies = {
      session: await t.request('GET', '/auth/session', { token: accessToken }),
      unauthenticated: await t.request('GET', '/auth/session'),
      badToken: await t.request('GET', '/auth/me', { token: 'not-a-token' }),
      badBody: await t.request('POST', '/auth/sign-in/email', { raw: '{' }),
      wrongMediaType: await t.request('POST', '/auth/sign-in/email', { raw: 'x', contentType: 'text/plain' }),
      wrongPassword: await t.request('POST', '/auth/sign-in/email', {
        body: { email: uniqueEmail(), password: PASSWORD },
      }),
      notFound: await t.request('GET', '/auth/nope'),
      root: await t.request('GET', '/'),
      rootNotFound: await t.request('GET', '/no-such-path'),
      methodNotAllowed: await t.request('GET', '/auth/sign-out'),
      healthz: await t.request('GET', '/healthz'),
      readyz: await t.request('GET', '/readyz'),
      jwks: await t.request('GET', '/.well-known/jwks.json'),
      openapi: await t.request('GET', '/auth/openapi.json'),
      options: await t.request('OPTIONS', '/auth/session'),
    };
    expect(replies.session.status).toBe(200);
    expect(replies.unauthenticated.status).toBe(401);
    expect(replies.badToken.status).toBe(401);
    expect(replies.badBody.status).toBe(400);
    expect(replies.wrongMediaType.status).toBe(415);
    expect(replies.wrongPassword.status).toBe(401);
    expect(replies.notFound.status).toBe(404);
    expect(replies.root.status).toBe(200);
    expect(replies.rootNotFound.status).toBe(404);
    expect(replies.methodNotAllowed.status).toBe(405);
    expect(replies.healthz.status).toBe(200);
    expect(replies.readyz.status).toBe(200);
    expect(replies.jwks.status).toBe(200);
    expect(replies.openapi.status).toBe(200);
    expect(replies.options.status).toBe(204);
    for (const [what, reply] of Object.entries(replies)) {
      expectSecurityHeaders(reply.headers, what);
      // Plain http, no https baseUrl: no HSTS (browsers would ignore it anyway).
      expect(reply.headers.get('strict-transport-security'), what).toBeNull();
      // No corsOrigins configured: no CORS header at all.
      expect(reply.headers.get('access-control-allow-origin'), what).toBeNull();
    }
  });

  it('HDR-01: token JSON, /auth/me, the session and every error are no-store; only JWKS and OpenAPI are cacheable', async () => {
    const signUp = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail(), password: PASSWORD },
    });
    expect(signUp.body.accessToken).toEqual(expect.any(String));
    const token = signUp.body.accessToken as string;
    const noStore = {
      signUp,
      signIn: await t.request('POST', '/auth/sign-in/email', {
        body: { email: signUp.body.user.email, password: PASSWORD },
      }),
      refresh: await t.request('POST', '/auth/refresh', { body: { refreshToken: signUp.body.refreshToken } }),
      me: await t.request('GET', '/auth/me', { token }),
      export: await t.request('GET', '/auth/me/export', { token }),
      session: await t.request('GET', '/auth/session', { token }),
      sessions: await t.request('GET', '/auth/sessions', { token }),
      error: await t.request('GET', '/auth/me'),
      notFound: await t.request('GET', '/nope'),
      healthz: await t.request('GET', '/healthz'),
    };
    for (const [what, reply] of Object.entries(noStore)) {
      expect(reply.status, what).toBeLessThan(500);
      expect(reply.headers.get('cache-control'), what).toBe('no-store');
    }
    expect(noStore.refresh.body.accessToken).toEqual(expect.any(String));
    for (const path of ['/.well-known/jwks.json', '/auth/openapi.json']) {
      const reply = await t.request('GET', path);
      expect(reply.headers.get('cache-control'), path).toBe('public, max-age=300');
    }
  });

  it('HDR-01: HSTS is sent when the request itself came over https', async () => {
    for (const path of ['/healthz', '/auth/session', '/auth/nope']) {
      const reply = await t.gatehouse.handler(new Request(`https://auth.example.com${path}`));
      expect(reply.headers.get('strict-transport-security'), path).toBe(HSTS);
      expectSecurityHeaders(reply.headers, path);
    }
  });

  it('HDR-01: a preflight 204 has no body and no content type', async () => {
    const reply = await t.gatehouse.handler(
      new Request('http://localhost:3000/auth/sign-out', { method: 'OPTIONS' }),
    );
    expect(reply.status).toBe(204);
    expect(await reply.text()).toBe('');
    expect(reply.headers.get('content-type')).toBeNull();
    expect(reply.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('HDR-01: errors answered by an adapter before the core runs carry the headers too', async () => {
    const reply = errorResponse(new GatehouseError('VALIDATION_ERROR', 'Malformed request'));
    expect(reply.status).toBe(400);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
    expect(reply.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('security headers with an https baseUrl', () => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', { baseUrl: 'https://auth.example.com' });
  });
  afterAll(() => t.close());

  it('HDR-01: HSTS (one year, subdomains) on every response, even when TLS ends at a proxy and the request looks like http', async () => {
    // The test client speaks plain http to the handler, as a Node server behind a proxy sees it.
    const replies = [
      await t.request('GET', '/healthz'),
      await t.request('GET', '/auth/session'),
      await t.request('POST', '/auth/sign-up/email', { body: { email: uniqueEmail(), password: PASSWORD } }),
      await t.request('GET', '/auth/nope'),
      await t.request('DELETE', '/auth/sign-out'),
      await t.request('GET', '/.well-known/jwks.json'),
      await t.request('OPTIONS', '/auth/refresh'),
    ];
    for (const reply of replies) {
      expect(reply.headers.get('strict-transport-security'), String(reply.status)).toBe(HSTS);
      expectSecurityHeaders(reply.headers, String(reply.status));
    }
  });
});

describe('security headers with an http baseUrl', () => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', { baseUrl: 'http://localhost:3000' });
  });
  afterAll(() => t.close());

  it('HDR-01: no HSTS when neither baseUrl nor the request is https', async () => {
    for (const path of ['/healthz', '/auth/session', '/.well-known/jwks.json']) {
      const reply = await t.request('GET', path);
      expect(reply.headers.get('strict-transport-security'), path).toBeNull();
      expectSecurityHeaders(reply.headers, path);
    }
  });
});
