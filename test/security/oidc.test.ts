/**
 * Social login's checklist items (SECURITY.md OIDC-01..03, RED-01) against a real local OpenID
 * provider, a second one playing the other (or the attacker's) provider, and an impostor whose
 * discovery document names itself as issuer while the real provider signs the tokens. Every
 * refusal is checked to leave no session behind; every redirect to stay on our allow-list.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/core/config.js';
import { HOSTED_PAGE_RETURNS } from '../../src/services/oauth/return-to.js';
import { IDENTITIES_PATH } from '../../src/ui/pages/account/identities.js';
import { SIGN_IN_PATH } from '../../src/ui/sign-in/sign-in-form.js';
import { ORIGIN, openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import {
  type BrowserReply,
  callbackFor,
  providerSettings,
  setCookieValue,
  signInAtProvider,
  startTestIdp,
  TestBrowser,
  type TestIdp,
} from '../support/oidc-provider.js';
import { storeKinds } from '../support/stores.js';

const APP = `${ORIGIN}/app`;
const DEFAULT_PAGE = `${ORIGIN}/`;

/** A discovery document that is `idp`'s, except that it names the impostor as the issuer. */
async function startImpostor(idp: TestIdp): Promise<{ issuer: string; server: Server }> {
  let issuer = '';
  const server = createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') {
      res.writeHead(404).end();
      return;
    }
    fetch(`${idp.issuer}/.well-known/openid-configuration`)
      .then((r) => r.json())
      .then((doc) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...doc, issuer }));
      })
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, server };
}

describe.each(storeKinds)('social login checks (%s)', (kind) => {
  let idp: TestIdp;
  let other: TestIdp;
  let impostor: { issuer: string; server: Server };
  let t: TestGatehouse;

  beforeAll(async () => {
    idp = await startTestIdp({
      redirectUris: [callbackFor(ORIGIN, 'idp'), callbackFor(ORIGIN, 'impostor')],
    });
    other = await startTestIdp({ redirectUris: [callbackFor(ORIGIN, 'other')] });
    impostor = await startImpostor(idp);
    t = await openGatehouse(kind, {
      baseUrl: ORIGIN,
      oauth: {
        providers: {
          idp: providerSettings(idp),
          other: providerSettings(other),
          impostor: { ...providerSettings(idp), issuer: impostor.issuer },
        },
        redirectUrls: [APP],
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
    await other?.close();
    await new Promise((resolve) => impostor?.server.close(resolve));
  });

  const browser = () => new TestBrowser((request) => t.gatehouse.handler(request), ORIGIN);
  const startUrl = (provider: string, returnTo = APP) =>
    `${ORIGIN}/auth/oauth/${provider}/start?${new URLSearchParams({ returnTo })}`;
  let n = 0;
  const account = (at: TestIdp) => {
    const id = `user-${++n}-${Date.now().toString(36)}`;
    at.addAccount({ id, email: uniqueEmail('oidc'), emailVerified: true });
    return id;
  };
  /** A provider answer that reached our callback, ready to be sent (or tampered with). */
  const answered = async (provider: string, at: TestIdp, b = browser()) => ({
    b,
    ...(await signInAtProvider(b, startUrl(provider), at, account(at))),
  });
  const refusedWith = (reply: BrowserReply, code: string, reason?: RegExp) => {
    expect(reply.status).toBe(400);
    const { error } = JSON.parse(reply.text);
    expect(error.code).toBe(code);
    if (reason) expect(error.message).toMatch(reason);
    // No session, no redirect.
    expect(setCookieValue(reply.setCookies, 'gh_access')).toBeUndefined();
    expect(reply.location).toBeNull();
  };
  const withParams = (url: URL, change: (p: URLSearchParams) => void) => {
    const changed = new URL(url);
    change(changed.searchParams);
    return changed.href;
  };

  it('baseline: the untampered answer signs in (so each refusal below is the check, not the setup)', async () => {
    const { b, callbackUrl } = await answered('idp', idp);
    const back = await b.send(callbackUrl.href);
    expect(back.location).toBe(APP);
    expect(setCookieValue(back.setCookies, 'gh_access')).toBeTruthy();
  });

  describe('OIDC-01', () => {
    it('OIDC-01: a missing or swapped state → 400 OAUTH_STATE_INVALID, no session', async () => {
      const { b, callbackUrl } = await answered('idp', idp);
      refusedWith(await b.send(withParams(callbackUrl, (p) => p.delete('state'))), 'OAUTH_STATE_INVALID');
      const swapped = withParams(callbackUrl, (p) => p.set('state', 'A'.repeat(43)));
      refusedWith(await b.send(swapped), 'OAUTH_STATE_INVALID');
      refusedWith(await b.send(withParams(callbackUrl, (p) => p.set('state', 'x'))), 'OAUTH_STATE_INVALID');
    });

    it('OIDC-01: state from another browser (another binding cookie, or none) → 400; the attempt spends it', async () => {
      const victim = await answered('idp', idp);
      const attacker = browser();
      await attacker.send(startUrl('idp'));
      expect(attacker.cookie(ORIGIN, 'gh_oauth')).toBeTruthy();
      refusedWith(await attacker.send(victim.callbackUrl.href), 'OAUTH_STATE_INVALID');
      const again = await answered('idp', idp);
      refusedWith(await browser().send(again.callbackUrl.href), 'OAUTH_STATE_INVALID');
      // A forged cookie is not a binding either.
      const forged = await answered('idp', idp);
      const stranger = browser();
      stranger.setCookie(ORIGIN, 'gh_oauth', 'v1.AAAA.BBBB.CCCC');
      refusedWith(await stranger.send(forged.callbackUrl.href), 'OAUTH_STATE_INVALID');
      // State is spent by any presentation: the victim's own browser is refused now too.
      refusedWith(await victim.b.send(victim.callbackUrl.href), 'OAUTH_STATE_INVALID');
    });

    it("OIDC-01: state from provider P1 at P2's callback → 400", async () => {
      const { b, callbackUrl } = await answered('idp', idp);
      const atOther = new URL(callbackUrl);
      atOther.pathname = '/auth/oauth/other/callback';
      refusedWith(await b.send(atOther.href), 'OAUTH_STATE_INVALID');
    });

    it('OIDC-01: state reuse → 400, and an expired state → 400', async () => {
      const { b, callbackUrl } = await answered('idp', idp);
      expect((await b.send(callbackUrl.href)).location).toBe(APP);
      refusedWith(await b.send(callbackUrl.href), 'OAUTH_STATE_INVALID');

      const late = await answered('idp', idp);
      t.clock.advance(601_000);
      refusedWith(await late.b.send(late.callbackUrl.href), 'OAUTH_STATE_INVALID');
    });
  });

  describe('OIDC-02', () => {
    it('OIDC-02: the authorize request has code_challenge_method=S256, a challenge, a nonce and a state', async () => {
      const start = await browser().send(startUrl('idp'));
      const params = new URL(start.location!).searchParams;
      expect(params.get('code_challenge_method')).toBe('S256');
      expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(params.get('nonce')).toMatch(/^[\w-]{43}$/);
      expect(params.get('state')).toMatch(/^[\w-]{43}$/);
      // Fresh for every start.
      const next = new URL((await browser().send(startUrl('idp'))).location!).searchParams;
      for (const name of ['code_challenge', 'nonce', 'state'])
        expect(next.get(name)).not.toBe(params.get(name));
    });

    it('OIDC-02: an ID token with a wrong nonce → 400 OAUTH_FAILED', async () => {
      const b = browser();
      const { callbackUrl } = await signInAtProvider(b, startUrl('idp'), idp, account(idp), {
        tamper: (authorize) =>
          authorize.searchParams.set('nonce', 'attacker-chosen-nonce-0123456789abcdef012345'),
      });
      refusedWith(await b.send(callbackUrl.href), 'OAUTH_FAILED', /nonce/);
      // And the audit log says which check failed.
      const { items } = await t.gatehouse.listAuditEvents({ type: 'user.sign_in_failed', limit: 1 });
      expect(items[0]?.data).toEqual({
        method: 'oauth',
        provider: 'idp',
        reason: 'provider_answer',
        check: 'id_token nonce',
      });
    });

    it('OIDC-02: an ID token without a nonce → 400 OAUTH_FAILED', async () => {
      const b = browser();
      const { callbackUrl } = await signInAtProvider(b, startUrl('idp'), idp, account(idp), {
        tamper: (authorize) => authorize.searchParams.delete('nonce'),
      });
      refusedWith(await b.send(callbackUrl.href), 'OAUTH_FAILED', /nonce/);
    });

    it("OIDC-02: a code from another session injected into our callback fails (the victim's PKCE verifier)", async () => {
      const attacker = await answered('idp', idp);
      const attackersCode = attacker.callbackUrl.searchParams.get('code')!;
      const victim = browser();
      const start = await victim.send(startUrl('idp'));
      const victimState = new URL(start.location!).searchParams.get('state')!;
      const injected = withParams(attacker.callbackUrl, (p) => {
        p.set('code', attackersCode);
        p.set('state', victimState);
      });
      refusedWith(await victim.send(injected), 'OAUTH_FAILED', /invalid_grant/);
    });

    it('OIDC-02: a replayed code with a new state of the same browser fails', async () => {
      const { b, callbackUrl } = await answered('idp', idp);
      expect((await b.send(callbackUrl.href)).location).toBe(APP);
      const start = await b.send(startUrl('idp'));
      const replay = withParams(callbackUrl, (p) =>
        p.set('state', new URL(start.location!).searchParams.get('state')!),
      );
      refusedWith(await b.send(replay), 'OAUTH_FAILED', /invalid_grant/);
    });
  });

  describe('OIDC-03', () => {
    it('OIDC-03: an iss response parameter naming the other provider → 400 OAUTH_FAILED', async () => {
      const { b, callbackUrl } = await answered('idp', idp);
      refusedWith(
        await b.send(withParams(callbackUrl, (p) => p.set('iss', other.issuer))),
        'OAUTH_FAILED',
        /iss response parameter/,
      );
    });

    it('OIDC-03: an ID token whose iss is not exactly the configured issuer → 400 OAUTH_FAILED', async () => {
      // The impostor's discovery says issuer = impostor; the tokens come signed by the real
      // provider with its own iss. Even with the iss parameter made to match, the token is refused.
      const { b, callbackUrl } = await answered('impostor', idp);
      expect(callbackUrl.searchParams.get('iss')).toBe(idp.issuer);
      refusedWith(await b.send(callbackUrl.href), 'OAUTH_FAILED', /iss response parameter/);
      const second = await answered('impostor', idp);
      const matched = withParams(second.callbackUrl, (p) => p.set('iss', impostor.issuer));
      refusedWith(await second.b.send(matched), 'OAUTH_FAILED', /id_token iss/);
    });
  });

  describe('RED-01', () => {
    const SPELLINGS = [
      'https://evil.tld',
      '//evil.tld',
      '/\\evil.tld',
      'https:evil.tld',
      'http://localhost:3000.evil.tld/app',
      'http://localhost:3000@evil.tld/app',
      '%2F%2Fevil.tld',
      'javascript:alert(document.domain)',
      'http://[',
      `${APP}/`,
      `${APP}#@evil.tld`,
      `${APP}?next=https://evil.tld`,
      'HTTP://LOCALHOST:3000/app',
      ` ${APP}`,
      `${APP}\t`,
      '/app',
    ];

    /** Where the flow started with this `returnTo` query value sends the browser back. */
    async function landing(rawQuery: string): Promise<string> {
      const b = browser();
      const start = await b.send(`${ORIGIN}/auth/oauth/idp/start?${rawQuery}`);
      expect(start.status).toBe(302);
      expect(new URL(start.location!).origin).toBe(idp.issuer);
      const state = new URL(start.location!).searchParams.get('state')!;
      const back = await b.send(
        `${callbackFor(ORIGIN, 'idp')}?${new URLSearchParams({ error: 'access_denied', state })}`,
      );
      expect(back.status).toBe(302);
      return back.location!;
    }

    it.each(SPELLINGS)('RED-01: returnTo %j goes to the default page, never elsewhere', async (spelling) => {
      const location = await landing(new URLSearchParams({ returnTo: spelling }).toString());
      expect(location).toBe(`${DEFAULT_PAGE}?error=OAUTH_FAILED&reason=access_denied`);
    });

    it('RED-01: unencoded spellings in the query too; the allow-listed URL itself is followed', async () => {
      for (const raw of [
        'returnTo=//evil.tld',
        'returnTo=%2F%2Fevil.tld',
        'returnTo=%252F%252Fevil.tld',
        'returnTo=http://[',
      ]) {
        expect(await landing(raw)).toBe(`${DEFAULT_PAGE}?error=OAUTH_FAILED&reason=access_denied`);
      }
      expect(await landing(new URLSearchParams({ returnTo: APP }).toString())).toBe(
        `${APP}?error=OAUTH_FAILED&reason=access_denied`,
      );
    });

    it("RED-01: the hosted pages' own ends (sign-in, linked identities) on our origin are followed unlisted; look-alikes are not", async () => {
      for (const own of [
        `${ORIGIN}/sign-in`,
        `${ORIGIN}/sign-in?returnTo=%2Faccount`,
        `${ORIGIN}/account/identities`,
      ]) {
        expect(await landing(new URLSearchParams({ returnTo: own }).toString())).toBe(
          `${own}${own.includes('?') ? '&' : '?'}error=OAUTH_FAILED&reason=access_denied`,
        );
      }
      // The list names the pages as they are registered.
      expect(HOSTED_PAGE_RETURNS).toEqual([SIGN_IN_PATH, IDENTITIES_PATH]);
      for (const lookAlike of [
        'http://localhost:3000.evil.tld/sign-in',
        'http://localhost:3000@evil.tld/sign-in',
        'http://evil.tld/sign-in',
        'https://localhost:3000/sign-in',
        `${ORIGIN}/sign-in/../evil`,
        `${ORIGIN}/sign-in/`,
        `${ORIGIN}/sign-in#@evil.tld`,
        `${ORIGIN}/account/identities/x`,
        '/sign-in',
        '//localhost:3000/sign-in',
      ]) {
        expect(await landing(new URLSearchParams({ returnTo: lookAlike }).toString())).toBe(
          `${DEFAULT_PAGE}?error=OAUTH_FAILED&reason=access_denied`,
        );
      }
    });

    it('RED-01: a whole sign-in with an evil returnTo lands on the default page with the session', async () => {
      const b = browser();
      const { callbackUrl } = await signInAtProvider(
        b,
        startUrl('idp', 'https://evil.tld/steal'),
        idp,
        account(idp),
      );
      const back = await b.send(callbackUrl.href);
      expect(back.location).toBe(DEFAULT_PAGE);
      expect(setCookieValue(back.setCookies, 'gh_access')).toBeTruthy();
    });

    it('RED-01: code mode never hands its code to a returnTo off the list', async () => {
      const b = browser();
      const query = new URLSearchParams({
        returnTo: 'https://evil.tld/cb',
        mode: 'code',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
      const { callbackUrl } = await signInAtProvider(
        b,
        `${ORIGIN}/auth/oauth/idp/start?${query}`,
        idp,
        account(idp),
      );
      const back = await b.send(callbackUrl.href);
      expect(new URL(back.location!).origin + new URL(back.location!).pathname).toBe(DEFAULT_PAGE);
      expect(back.location).not.toContain('evil');
    });

    it('RED-01: the allow-list itself refuses javascript:, data: and malformed entries', () => {
      for (const entry of [
        'javascript:alert(1)',
        'data:text/html,x',
        'http://[',
        'evil.tld',
        'file:///etc/passwd',
      ]) {
        expect(() => resolveSettings({ oauth: { redirectUrls: [entry] } }), entry).toThrow(/redirectUrls/);
      }
      expect(
        resolveSettings({ oauth: { redirectUrls: ['com.example.app:/oauth'] } }).oauth.redirectUrls,
      ).toEqual(['com.example.app:/oauth']);
    });
  });
});
