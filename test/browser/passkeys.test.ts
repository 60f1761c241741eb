/**
 * The passkey ceremony end to end in a real browser: Debian's Chromium (playwright-core) with a
 * CDP virtual authenticator, on a page at http://localhost:<port> whose site also serves
 * Gatehouse (through the node adapter). The page signs up, adds a passkey with
 * `navigator.credentials.create`, signs out, and signs in with the passkey and no password with
 * `navigator.credentials.get` — every call a `fetch` from the page, the session in cookies — and
 * `GET /auth/session` then shows a passkey session at aal2.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../../src/adapters/node.js';
import {
  addVirtualAuthenticator,
  launchChromium,
  PASSKEY_CLIENT_JS,
  serveSite,
  type TestSite,
} from '../support/browser.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Passkeys</title>
<script type="module">
import { createPasskey, getPasskey } from '/passkeys.js';
// Every call as an app's page makes it: same-origin fetch, tokens in cookies.
async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', 'gatehouse-transport': 'cookie' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}
window.app = {
  signUp: (email, password) => call('POST', '/auth/sign-up/email', { email, password }),
  async addPasskey(name) {
    const options = await call('POST', '/auth/passkeys/register/options');
    if (options.status !== 200) return options;
    return call('POST', '/auth/passkeys/register', { response: await createPasskey(options.body), name });
  },
  signOut: () => call('POST', '/auth/sign-out', {}),
  async signInWithPasskey() {
    const options = await call('POST', '/auth/sign-in/passkey/options');
    if (options.status !== 200) return options;
    return call('POST', '/auth/sign-in/passkey', { response: await getPasskey(options.body) });
  },
  session: () => call('GET', '/auth/session'),
};
document.body.dataset.ready = 'true';
</script>
</head>
<body><p>Passkeys</p></body>
</html>`;

interface PageReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: replies are read loosely, as in the HTTP tests
  body: any;
}

declare global {
  interface Window {
    app: Record<string, (...args: string[]) => Promise<PageReply>>;
  }
}

describe('passkeys in Chromium: sign up, add a passkey, sign out, sign in with it and no password', () => {
  // Launched in the test, not in beforeAll: without Chromium the test fails (saying how to get
  // it) rather than being reported as skipped behind a failed hook.
  let browser: Browser | undefined;
  let site: TestSite;
  let t: TestGatehouse;

  beforeAll(async () => {
    // The site starts first, so its port can go into the passkey settings; until the instance
    // exists nothing is asked of it.
    let gatehouse: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
    site = await serveSite({
      files: { '/': PAGE, '/passkeys.js': PASSKEY_CLIENT_JS },
      fallback: (req, res) => void gatehouse?.(req, res),
    });
    t = await openGatehouse('sqlite', { passkeys: { rpId: 'localhost', origins: [site.origin] } });
    gatehouse = toNodeHandler(t.gatehouse);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await t?.close();
  });

  it('registers with navigator.credentials.create and signs in with navigator.credentials.get: amr hwk, aal2', async () => {
    browser = await launchChromium();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const authenticator = await addVirtualAuthenticator(page);
      await page.goto(site.url('/'));
      await page.locator('body[data-ready="true"]').waitFor();
      const app = (name: string, ...args: string[]) =>
        page.evaluate(([n, a]) => window.app[n as string]!(...(a as string[])), [name, args] as const);

      const email = uniqueEmail('browser');
      const signUp = await app('signUp', email, PASSWORD);
      expect(signUp.status).toBe(201);
      expect(signUp.body.accessToken).toBeUndefined();
      const userId: string = signUp.body.user.id;

      const added = await app('addPasskey', 'This browser');
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      expect(added.body.passkey).toMatchObject({ name: 'This browser', transports: ['internal'] });
      expect(added.body.session).toMatchObject({ amr: ['pwd', 'hwk'], aal: 'aal2' });
      const [held] = await authenticator.credentials();
      // A discoverable credential for this RP, holding the user id's bytes as its user handle.
      expect(held).toMatchObject({ rpId: 'localhost', resident: true });
      expect(Buffer.from(held!.userHandle!, 'base64url').toString('hex')).toBe(userId.slice(4));
      const [stored] = await t.store.passkeys.listForUser(userId as never);
      expect(stored!.credentialId).toBe(held!.id);
      expect([-7, -8, -257]).toContain(stored!.algorithm);

      expect((await app('signOut')).status).toBe(200);
      const signedOut = await app('session');
      expect(signedOut.status).toBe(401);

      const signIn = await app('signInWithPasskey');
      expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
      expect(signIn.body.user.id).toBe(userId);
      expect(signIn.body.accessToken).toBeUndefined();
      const session = await app('session');
      expect(session.status).toBe(200);
      expect(session.body.user.id).toBe(userId);
      expect(session.body.session).toMatchObject({ amr: ['hwk', 'user'], aal: 'aal2' });
      expect(session.body.session.amr).toContain('hwk');

      // Chromium's authenticator counts signatures: the stored counter followed it.
      const { signCount } = (await authenticator.credentials())[0]!;
      expect(signCount).toBeGreaterThan(0);
      expect((await t.store.passkeys.listForUser(userId as never))[0]!.counter).toBe(signCount);
      await authenticator.remove();
    } finally {
      await context.close();
    }
  });
});
