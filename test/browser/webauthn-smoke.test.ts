/**
 * The browser harness end to end, before any passkey route exists: Chromium with a virtual
 * authenticator on a page at http://localhost:<port> creates a passkey with options from
 * `registrationOptions`, the server checks it with `verifyRegistration`; then the page signs in
 * with it (`authenticationOptions`, `verifyAssertion`, no username). The end-to-end passkey test
 * follows this shape with Gatehouse's routes in place of the endpoints here.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AssertionVerdict,
  assertionCredential,
  authenticationOptions,
  type NewPasskey,
  type RelyingParty,
  registrationOptions,
  verifyAssertion,
  verifyRegistration,
} from '../../src/services/passkeys/webauthn.js';
import {
  addVirtualAuthenticator,
  launchChromium,
  PASSKEY_CLIENT_JS,
  serveSite,
  type TestSite,
} from '../support/browser.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Passkey smoke test</title>
<script type="module">
import { createPasskey, getPasskey } from '/passkeys.js';
const status = document.getElementById('status');
async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(path + ' answered ' + response.status);
  return response.json();
}
function on(id, done, ceremony) {
  document.getElementById(id).addEventListener('click', async () => {
    status.textContent = 'working';
    try {
      const verdict = await ceremony();
      status.textContent = verdict.ok ? done : 'refused: ' + verdict.reason;
    } catch (error) {
      status.textContent = 'error: ' + error.name + ': ' + error.message;
    }
  });
}
on('register', 'registered', async () => post('/register/verify', await createPasskey(await post('/register/options'))));
on('sign-in', 'signed in', async () => post('/sign-in/verify', await getPasskey(await post('/sign-in/options'))));
document.body.dataset.ready = 'true';
</script>
</head>
<body>
<button id="register">Add a passkey</button>
<button id="sign-in">Sign in with a passkey</button>
<p id="status" role="status">idle</p>
</body>
</html>`;

/** The relying party's side: one user, single-use challenges, the passkeys it registered. */
function relyingPartyServer(rp: () => RelyingParty) {
  const userHandle = randomBytes(16);
  const challenges = new Set<string>();
  const passkeys = new Map<string, NewPasskey & { counter: number }>();
  const assertions: { body: unknown; verdict: AssertionVerdict }[] = [];
  const issue = () => {
    const challenge = randomBytes(32);
    challenges.add(challenge.toString('base64url'));
    return challenge;
  };
  const consume = (challenge: string) => challenges.delete(challenge);
  return {
    userHandle: userHandle.toString('base64url'),
    passkeys,
    assertions,
    json: {
      '/register/options': () =>
        registrationOptions(rp(), {
          userHandle,
          userName: 'ada@example.com',
          userDisplayName: 'Ada',
          challenge: issue(),
          excludeCredentials: [...passkeys.values()],
        }),
      '/register/verify': async (body: unknown) => {
        const verdict = await verifyRegistration(rp(), { response: body, expectedChallenge: consume });
        if (verdict.ok) passkeys.set(verdict.passkey.id, { ...verdict.passkey });
        return verdict;
      },
      '/sign-in/options': () => authenticationOptions(rp(), { challenge: issue() }),
      '/sign-in/verify': async (body: unknown) => {
        const named = assertionCredential(body);
        const passkey = named && passkeys.get(named.id);
        if (!passkey) return { ok: false, reason: 'unknown passkey' };
        const verdict = await verifyAssertion(rp(), {
          response: body,
          expectedChallenge: consume,
          passkey: { ...passkey, userHandle: userHandle.toString('base64url') },
          discoverable: true,
        });
        if (verdict.ok) passkey.counter = verdict.newCounter;
        assertions.push({ body, verdict });
        return verdict;
      },
    },
  };
}

describe('browser harness: a passkey ceremony in Chromium against the WebAuthn verifier', () => {
  // Launched in the test, not in beforeAll: without Chromium the test fails (saying how to get
  // it) rather than being reported as skipped behind a failed hook.
  let browser: Browser | undefined;
  let site: TestSite;
  let rp: RelyingParty;
  const server = relyingPartyServer(() => rp);

  beforeAll(async () => {
    site = await serveSite({ files: { '/': PAGE, '/passkeys.js': PASSKEY_CLIENT_JS }, json: server.json });
    rp = {
      id: 'localhost',
      name: 'Gatehouse smoke test',
      origins: [site.origin],
      userVerification: 'required',
      timeoutMs: 60_000,
    };
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('registers a passkey with navigator.credentials.create and signs in with it, without a username', async () => {
    browser = await launchChromium();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const authenticator = await addVirtualAuthenticator(page);
      await page.goto(site.url('/'));
      await page.locator('body[data-ready="true"]').waitFor();
      const status = page.locator('#status');
      /** Clicks a ceremony button and resolves to the page's verdict once there is one. */
      const ceremony = async (button: string) => {
        // Back to idle first, so a previous verdict is not taken for this one.
        await status.evaluate((element) => {
          element.textContent = 'idle';
        });
        await page.click(button);
        await status.filter({ hasText: /^(registered|signed in|refused|error)/ }).waitFor();
        return status.textContent();
      };

      expect(await ceremony('#register')).toBe('registered');
      const [held] = await authenticator.credentials();
      expect(held).toMatchObject({ rpId: 'localhost', resident: true, userHandle: server.userHandle });
      expect([...server.passkeys.keys()]).toEqual([held!.id]);
      const passkey = server.passkeys.get(held!.id)!;
      expect([-7, -8, -257]).toContain(passkey.algorithm);
      expect(passkey).toMatchObject({ userVerified: true, origin: site.origin, transports: ['internal'] });

      expect(await ceremony('#sign-in')).toBe('signed in');
      expect(await ceremony('#sign-in')).toBe('signed in');
      const { signCount } = (await authenticator.credentials())[0]!;
      expect(server.assertions.map((a) => a.verdict.ok)).toEqual([true, true]);
      // Chromium's authenticator counts signatures, so the counter rule is at work, not 0 and 0.
      const [first, second] = server.assertions.map((a) => (a.verdict.ok ? a.verdict.newCounter : -1));
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(first!);
      expect(passkey.counter).toBe(signCount);
      expect(server.assertions[1]!.verdict).toMatchObject({ ok: true, userVerified: true });

      // The same assertion again: its challenge is spent.
      const replay = await fetch(site.url('/sign-in/verify'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(server.assertions[1]!.body),
      });
      expect(await replay.json()).toEqual({ ok: false, reason: 'challenge_mismatch' });
      expect(site.errors).toEqual([]);
      await authenticator.remove();
    } finally {
      await context.close();
    }
  });
});
