/**
 * Each way in on `/sign-in` counts against its JSON route's rate limit, on SQLite and
 * PostgreSQL: a burst of "email me a link" from the page uses up the magic-link requests (a 429
 * page, and the API route refuses too), not the password sign-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, open, submit } from '../pages.js';

const BURST = 3;

describe.each(storeKinds)('the sign-in page’s rate limits, by way in (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, {
      rateLimits: 'on',
      limits: { ip: { max: 10_000, window: 60 }, credentialIp: { max: BURST, window: 600 } },
    });
  });
  afterAll(() => t.close());

  it('a burst of magic-link requests hits the magic-link limit, not the password sign-in’s', async () => {
    const email = uniqueEmail('page-limit');
    await t.signUp(email);
    clearBrowser(t);
    await open(t, '/sign-in');
    for (let i = 0; i < BURST; i++) {
      const sent = await submit(t, '/sign-in', { intent: 'magic-link', email });
      expect(sent.status, `request ${i + 1}`).toBe(303);
    }
    expectSafePage(await submit(t, '/sign-in', { intent: 'magic-link', email }), 429);
    // The same counter as `POST /auth/sign-in/magic-link`.
    expect((await t.request('POST', '/auth/sign-in/magic-link', { body: { email } })).status).toBe(429);
    // The password sign-in has its own: still open.
    const withPassword = await submit(t, '/sign-in', {
      intent: 'password',
      login: email,
      password: PASSWORD,
    });
    expect(withPassword.status).toBe(303);
  });
});
