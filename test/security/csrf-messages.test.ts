/**
 * CSRF-01 refusals say what happened (issue 8 "messages that say what happened"): a cookie
 * request without any browser signal is refused as such — not called "cross-site", which sends
 * the developer of a server-side or curl client looking for the wrong problem — and the
 * cross-site and wrong-origin refusals each name their own cause. The refusals themselves are
 * pinned in csrf.test.ts; here, over HTTP, only the messages (which never echo the Origin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

const OWN = 'https://auth.example.com';
const COOKIE_TRANSPORT = { 'gatehouse-transport': 'cookie' };

describe.each(storeKinds)('CSRF-01 refusal messages (%s)', (kind) => {
  let t: TestGatehouse;
  let jar: string;
  beforeAll(async () => {
    t = await openGatehouse(kind, { baseUrl: OWN });
    const reply = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail('csrf-msg'), password: PASSWORD },
      headers: { ...COOKIE_TRANSPORT, 'sec-fetch-site': 'same-origin', origin: OWN },
    });
    expect(reply.status).toBe(201);
    jar = reply.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  });
  afterAll(() => t.close());

  /** The refusal message of a cookie-authenticated sign-out, and of a sign-up asking for cookies. */
  async function messages(headers: Record<string, string>): Promise<string[]> {
    const replies = [
      await t.request('POST', '/auth/sign-out', { headers: { ...headers, cookie: jar } }),
      await t.request('POST', '/auth/sign-up/email', {
        body: { email: uniqueEmail('csrf-msg'), password: PASSWORD },
        headers: { ...headers, ...COOKIE_TRANSPORT },
      }),
    ];
    return replies.map((reply) => {
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
      return reply.body.error.message as string;
    });
  }

  it('CSRF-01: no Origin and no Sec-Fetch-Site → the message says exactly that, and how to proceed', async () => {
    for (const message of await messages({})) {
      expect(message).toMatch(/neither an Origin nor a Sec-Fetch-Site header/);
      expect(message).toMatch(/Authorization: Bearer/);
      expect(message).not.toMatch(/cross-site/i);
    }
  });

  it('CSRF-01: Sec-Fetch-Site: cross-site → the message says cross-site', async () => {
    for (const message of await messages({ 'sec-fetch-site': 'cross-site', origin: OWN })) {
      expect(message).toMatch(/^Cross-site requests cannot use the session cookie/);
    }
  });

  it('CSRF-01: an Origin that is not allowed → the message says the Origin is not allowed, without echoing it', async () => {
    const cases: Array<Record<string, string>> = [
      { origin: 'https://evil.tld' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site', origin: 'https://evil.example.com' },
    ];
    for (const headers of cases) {
      for (const message of await messages(headers)) {
        expect(message, JSON.stringify(headers)).toMatch(/Origin .*not allowed to use the session cookie/);
        expect(message).not.toMatch(/evil|cross-site|neither/i);
      }
    }
  });

  it('CSRF-01: Sec-Fetch-Site: same-site without an Origin → the message says the Origin is missing', async () => {
    for (const message of await messages({ 'sec-fetch-site': 'same-site' })) {
      expect(message).toMatch(/no Origin header/);
      expect(message).not.toMatch(/cross-site|neither/i);
    }
  });
});
