/**
 * Mounting the pages: through `node:http` (`toNodeHandler` serves the whole server, so every
 * page path, `:name` ones included, and the assets are Gatehouse's; with `pages.enabled: false`
 * they answer the API's 404 and the API is unchanged), and `pages.console: false`, which takes
 * the console's pages away from the server and from what the framework adapters route while the
 * other pages stay. (Express, Fastify and Hono run `pageCases` in their own suites.)
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatehouseRouter } from '../../src/adapters/express.js';
import { toNodeHandler } from '../../src/adapters/node.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { embeddedPagePaths } from '../../src/ui/routes.js';
import { type Harness, overHttp } from '../adapters/cases.js';

const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

/** Every page path, `:name` segments filled in. */
const pagePaths = (gatehouse: Gatehouse) =>
  embeddedPagePaths({ pages: { ...gatehouse.settings.pages, enabled: true, console: true } }).map((p) =>
    p.replace(/:\w+/g, 'x1'),
  );

describe.each([true, false])('node:http with pages.enabled: %s', (enabled) => {
  let gatehouse: Gatehouse;
  let app: Harness;
  beforeAll(async () => {
    gatehouse = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent', pages: { enabled } });
    await gatehouse.ready();
    app = await overHttp(toNodeHandler(gatehouse));
  });
  afterAll(async () => {
    await app?.close();
    await gatehouse?.close();
  });

  it(
    enabled
      ? 'serves every page path, the script, the resume and a form'
      : 'answers every page path 404; the API works',
    async () => {
      const paths = pagePaths(gatehouse);
      expect(paths).toContain('/console/users/x1');
      for (const path of paths) {
        const response = await app.request(path, { redirect: 'manual' });
        const text = await response.text();
        if (enabled) {
          expect([200, 303, 400, 404], `${path} ${text.slice(0, 200)}`).toContain(response.status);
          if (response.status === 303) expect(response.headers.get('location')).toBeTruthy();
          else expect(response.headers.get('content-security-policy'), path).toMatch(/script-src 'nonce-/);
        } else {
          expect(response.status, path).toBe(404);
          expect(JSON.parse(text), path).toMatchObject({ error: { code: 'NOT_FOUND' } });
        }
      }
      const param = await app.request('/console/users/usr_x1', { redirect: 'manual' });
      const script = await app.request('/auth/assets/pages.js');
      const resume = await app.request('/auth/refresh/resume?returnTo=%2Fconsole%2Fusers%2Fusr_x1', {
        redirect: 'manual',
      });
      if (enabled) {
        // Not signed in: the console page sends the browser through the resume, on to sign in.
        expect(param.status).toBe(303);
        expect(param.headers.get('location')).toBe(
          '/auth/refresh/resume?returnTo=%2Fconsole%2Fusers%2Fusr_x1',
        );
        expect(script.status).toBe(200);
        expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
        expect(resume.status).toBe(303);
        expect(resume.headers.get('location')).toBe('/sign-in?returnTo=%2Fconsole%2Fusers%2Fusr_x1');
        // A form posts through node:http with its cookie and token.
        const shown = await app.request('/forgot-password');
        const cookie = shown.headers.getSetCookie()[0]!.split(';')[0]!;
        const csrf = /name="csrf" value="([^"]+)"/.exec(await shown.text())![1]!;
        const posted = await app.request('/forgot-password', {
          method: 'POST',
          redirect: 'manual',
          headers: { ...FORM_HEADERS, cookie },
          body: new URLSearchParams({ email: 'someone@example.com', csrf }).toString(),
        });
        expect(posted.status).toBe(303);
        expect(posted.headers.get('location')).toBe('forgot-password?result=sent');
      } else {
        for (const response of [param, script, resume]) expect(response.status).toBe(404);
      }
      const verify = await app.request('/auth/verify-email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: 'A'.repeat(43) }),
      });
      expect(verify.status).toBe(400);
      expect(await verify.json()).toMatchObject({ error: { code: 'LINK_INVALID' } });
    },
  );
});

describe('pages.console: false', () => {
  let gatehouse: Gatehouse;
  let server: Harness;
  let embedded: Harness;
  beforeAll(async () => {
    gatehouse = createGatehouse({
      databaseUrl: 'sqlite::memory:',
      logLevel: 'silent',
      pages: { console: false },
    });
    await gatehouse.ready();
    server = await overHttp(toNodeHandler(gatehouse));
    embedded = await overHttp(express().use(gatehouseRouter(gatehouse)));
  });
  afterAll(async () => {
    await server?.close();
    await embedded?.close();
    await gatehouse?.close();
  });

  it('the console’s pages are gone from the server and from what the adapters route; the others stay', async () => {
    const routed = embeddedPagePaths(gatehouse.settings);
    expect(routed).toContain('/forgot-password');
    expect(routed).toContain('/account');
    expect(routed.filter((p) => p === '/console' || p.startsWith('/console/'))).toEqual([]);
    const consolePaths = pagePaths(gatehouse).filter((p) => p === '/console' || p.startsWith('/console/'));
    expect(consolePaths.length).toBeGreaterThan(0);
    for (const path of consolePaths) {
      const whole = await server.request(path, { redirect: 'manual' });
      expect(whole.status, path).toBe(404);
      expect(await whole.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      const app = await embedded.request(path, { redirect: 'manual' });
      expect(app.status, path).toBe(404);
      expect(app.headers.get('x-request-id'), path).toBeNull();
      await app.arrayBuffer();
    }
    expect((await server.request('/forgot-password')).status).toBe(200);
    const account = await embedded.request('/account', { redirect: 'manual' });
    expect(account.status).toBe(303);
    expect(account.headers.get('location')).toBe('/auth/refresh/resume?returnTo=%2Faccount');
  });
});
