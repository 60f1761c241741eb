/**
 * HDR-01 (CORS): only origins listed in `corsOrigins` get CORS headers, always as their own exact
 * origin with credentials; nothing is ever reflected or `*`. Preflights are answered on every
 * API path; one from an unlisted origin gets a 204 without any CORS header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedApp } from '../support/apps.js';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';

const APP = 'https://app.example.com';
const DEV = 'http://localhost:5173';
const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
];

// Spellings that must never be granted: near misses, other schemes and ports, non-browser forms.
const NOT_ALLOWED = [
  'https://evil.example',
  'null',
  '*',
  'https://app.example.com.evil.example',
  'https://evil.example/https://app.example.com',
  'https://evilapp.example.com',
  'https://sub.app.example.com',
  'https://app.example.co',
  'https://app.example.com.',
  'http://app.example.com',
  'https://app.example.com:8443',
  'https://app.example.com:443', // browsers never send the default port
  'HTTPS://APP.EXAMPLE.COM', // nor upper case
  'https://app.example.com, https://evil.example',
  'http://localhost:5174',
  'https://localhost:5173',
  'https://auth.example.com', // our own origin is not a CORS origin unless listed
];

const preflight = (origin: string | undefined, method = 'POST') => ({
  headers: {
    ...(origin === undefined ? {} : { origin }),
    'access-control-request-method': method,
    'access-control-request-headers': 'content-type, gatehouse-transport',
  },
});

describe('CORS with an allow-list', () => {
  let t: TestGatehouse;
  let token: string;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', {
      baseUrl: 'https://auth.example.com',
      // A trailing slash or a path is ignored: an entry names an origin.
      corsOrigins: [`${APP}/`, `${DEV}/callback`],
    });
    token = (await t.signUp()).accessToken;
  });
  afterAll(() => t.close());

  it('HDR-01: an allowed Origin gets exactly that origin, credentials, Vary and x-request-id exposed — on success and on errors', async () => {
    for (const origin of [APP, DEV]) {
      const replies = [
        await t.request('GET', '/auth/session', { token, headers: { origin } }),
        await t.request('GET', '/auth/session', { headers: { origin } }),
        await t.request('GET', '/auth/nope', { headers: { origin } }),
        await t.request('GET', '/.well-known/jwks.json', { headers: { origin } }),
      ];
      expect(replies.map((r) => r.status)).toEqual([200, 401, 404, 200]);
      for (const reply of replies) {
        expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
        expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
        expect(reply.headers.get('access-control-expose-headers')).toContain('x-request-id');
        expect(reply.headers.get('vary')).toBe('Origin');
        // Preflight-only headers stay off ordinary replies.
        expect(reply.headers.get('access-control-allow-methods')).toBeNull();
      }
    }
  });

  it('HDR-01: CORS never reflects an arbitrary Origin, and never answers *', async () => {
    for (const origin of NOT_ALLOWED) {
      const replies = [
        await t.request('GET', '/auth/session', { token, headers: { origin } }),
        await t.request('POST', '/auth/sign-in/email', { body: {}, headers: { origin } }),
        await t.request('GET', '/.well-known/jwks.json', { headers: { origin } }),
        await t.request('OPTIONS', '/auth/sign-in/email', preflight(origin)),
      ];
      for (const reply of replies) {
        for (const name of CORS_HEADERS) expect(reply.headers.get(name), `${origin} ${name}`).toBeNull();
        // Vary even without a grant, so a shared cache never serves one origin's answer to another.
        expect(reply.headers.get('vary'), origin).toBe('Origin');
      }
    }
    const noOrigin = await t.request('GET', '/.well-known/jwks.json');
    for (const name of CORS_HEADERS) expect(noOrigin.headers.get(name), name).toBeNull();
  });

  it('HDR-01: a preflight from an allowed origin is 204 with the methods, headers and max age, on every API path', async () => {
    const paths = [
      '/auth/sign-up/email',
      '/auth/sign-in/email',
      '/auth/refresh',
      '/auth/sign-out',
      '/auth/session',
      '/auth/me',
      '/auth/sessions/ses_0190f2a81b3c7abc8123456789abcdef',
      '/auth/openapi.json',
      '/.well-known/jwks.json',
      '/healthz',
    ];
    for (const path of paths) {
      const reply = await t.request('OPTIONS', path, preflight(APP, 'PATCH'));
      expect(reply.status, path).toBe(204);
      expect(reply.body, path).toBe('');
      expect(reply.headers.get('access-control-allow-origin'), path).toBe(APP);
      expect(reply.headers.get('access-control-allow-credentials'), path).toBe('true');
      expect(reply.headers.get('access-control-allow-methods'), path).toBe('GET, POST, PATCH, DELETE');
      expect(reply.headers.get('access-control-allow-headers'), path).toBe(
        'authorization, content-type, gatehouse-app, gatehouse-transport, x-request-id',
      );
      expect(reply.headers.get('access-control-max-age'), path).toBe('600');
      expect(reply.headers.get('vary'), path).toBe('Origin');
    }
  });

  it('HDR-01: a preflight from an unlisted origin is a 204 without any CORS header (the browser then refuses)', async () => {
    const reply = await t.request('OPTIONS', '/auth/sign-in/email', preflight('https://evil.example'));
    expect(reply.status).toBe(204);
    for (const name of CORS_HEADERS) expect(reply.headers.get(name), name).toBeNull();
  });

  it('HDR-01: OPTIONS on an unknown path is 404; a bare OPTIONS lists the methods in Allow', async () => {
    const unknown = await t.request('OPTIONS', '/auth/nope', preflight(APP));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect(unknown.headers.get('access-control-allow-methods')).toBeNull();
    const bare = await t.request('OPTIONS', '/auth/me');
    expect(bare.status).toBe(204);
    expect(bare.headers.get('allow')).toBe('GET, PATCH, DELETE, OPTIONS');
    expect(bare.headers.get('access-control-allow-origin')).toBeNull();
    // An allowed Origin without Access-Control-Request-Method is not a preflight: no method list.
    const notPreflight = await t.request('OPTIONS', '/auth/me', { headers: { origin: APP } });
    expect(notPreflight.status).toBe(204);
    expect(notPreflight.headers.get('access-control-allow-origin')).toBe(APP);
    expect(notPreflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('HDR-01: a preflight runs no route: OPTIONS on sign-out with the cookie ends nothing', async () => {
    const signUp = await t.request('POST', '/auth/sign-up/email', {
      body: { email: `cors-${Date.now()}@example.com`, password: 'correct horse battery staple' },
      headers: { 'gatehouse-transport': 'cookie', 'sec-fetch-site': 'same-origin' },
    });
    const jar = signUp.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const reply = await t.request('OPTIONS', '/auth/sign-out', {
      headers: { ...preflight(APP).headers, cookie: jar },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers.getSetCookie()).toEqual([]);
    expect((await t.request('GET', '/auth/session', { headers: { cookie: jar } })).status).toBe(200);
  });
});

describe('CORS without corsOrigins', () => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', {
      baseUrl: 'https://auth.example.com',
      trustedOrigins: [APP],
    });
  });
  afterAll(() => t.close());

  it('HDR-01: no CORS header for anyone, not even a trusted origin or our own; Vary: Origin all the same (an app may list origins)', async () => {
    for (const origin of [APP, 'https://auth.example.com', 'https://evil.example', 'null']) {
      for (const reply of [
        await t.request('GET', '/auth/session', { headers: { origin } }),
        await t.request('OPTIONS', '/auth/session', preflight(origin, 'GET')),
      ]) {
        for (const name of CORS_HEADERS) expect(reply.headers.get(name), `${origin} ${name}`).toBeNull();
        expect(reply.headers.get('vary'), origin).toBe('Origin');
      }
    }
  });
});

describe('CORS for the origins apps list', () => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', { baseUrl: 'https://auth.example.com', corsOrigins: [APP] });
  });
  afterAll(() => t.close());

  it('HDR-01: an active app’s corsOrigins get the grant and preflight; a disabled app’s, and every near miss, get nothing', async () => {
    const shop = 'https://shop.example';
    const old = 'https://old.example';
    await seedApp(t.store, { corsOrigins: [`${shop}/`] });
    await seedApp(t.store, { corsOrigins: [old], status: 'disabled' });
    // The directory caches the app list briefly: a fresh instance's first look reads it.
    const granted = await t.request('GET', '/auth/session', { headers: { origin: shop } });
    expect(granted.headers.get('access-control-allow-origin')).toBe(shop);
    expect(granted.headers.get('access-control-allow-credentials')).toBe('true');
    const pre = await t.request('OPTIONS', '/auth/sign-in/email', preflight(shop));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('gatehouse-app');
    for (const origin of [old, 'https://shop.example.evil', 'http://shop.example', ...NOT_ALLOWED]) {
      for (const reply of [
        await t.request('GET', '/auth/session', { headers: { origin } }),
        await t.request('OPTIONS', '/auth/session', preflight(origin, 'GET')),
      ]) {
        for (const name of CORS_HEADERS) expect(reply.headers.get(name), `${origin} ${name}`).toBeNull();
      }
    }
    // The settings' own origins still work beside the apps'.
    expect(
      (await t.request('GET', '/auth/session', { headers: { origin: APP } })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBe(APP);
  });
});
