/**
 * The GitHub preset (OAuth 2 plus GitHub's user and emails API, no OpenID Connect) against a
 * local stand-in that records GitHub's documented contract (test/support/github-stand-in.ts),
 * on both stores: the subject is the numeric id, the address the primary verified one, the
 * headers GitHub asks for are sent, and its 200-with-an-error token answers are failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/core/config.js';
import { resolveProvider } from '../../src/services/oauth/presets.js';
import { ORIGIN, openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type GithubStandIn, type GithubUser, startGithubStandIn } from '../support/github-stand-in.js';
import { callbackFor, setCookieValue, TestBrowser } from '../support/oidc-provider.js';
import { everyStoreKind } from '../support/stores.js';

const APP = `${ORIGIN}/app`;
let ids = 5_000_000;

function aGithubUser(overrides: Partial<GithubUser> = {}): GithubUser {
  const id = ++ids;
  const email = uniqueEmail('octo');
  return {
    id,
    login: `octo${id}`,
    name: 'The Octocat',
    email: null,
    emails: [
      { email: uniqueEmail('octo-other'), primary: false, verified: true },
      { email, primary: true, verified: true },
    ],
    ...overrides,
  };
}

describe.each(everyStoreKind)('GitHub sign-in (%s)', (kind) => {
  let github: GithubStandIn;
  let t: TestGatehouse;

  beforeAll(async () => {
    github = await startGithubStandIn({
      redirectUris: [callbackFor(ORIGIN, 'github'), callbackFor(ORIGIN, 'github-basic')],
    });
    const provider = {
      preset: 'github' as const,
      // Where GitHub Enterprise Server would be; github.com when left out.
      issuer: github.url,
      clientId: github.clientId,
      clientSecret: github.clientSecret,
      allowInsecureIssuer: true,
    };
    t = await openGatehouse(kind, {
      baseUrl: ORIGIN,
      oauth: {
        providers: { github: provider, 'github-basic': { ...provider, scopes: ['read:user'] } },
        redirectUrls: [APP],
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await github?.close();
  });

  /** Start → GitHub approves at once → our callback; returns the browser and the callback's reply. */
  async function signIn(user: GithubUser, provider = 'github') {
    github.signIn(user);
    const b = new TestBrowser((request) => t.gatehouse.handler(request), ORIGIN);
    const start = await b.send(`${ORIGIN}/auth/oauth/${provider}/start?returnTo=${encodeURIComponent(APP)}`);
    const authorize = new URL(start.location!);
    const approved = await b.send(authorize.href);
    const back = await b.send(approved.location!);
    return { b, authorize, callback: new URL(approved.location!), back };
  }
  const sessionOf = async (b: TestBrowser) => JSON.parse((await b.send(`${ORIGIN}/auth/session`)).text);

  it('signs in with the numeric id as subject and the primary verified address, sending what GitHub asks for', async () => {
    const user = aGithubUser();
    const since = github.requests.length;
    const { b, authorize, back } = await signIn(user);
    expect(authorize.origin + authorize.pathname).toBe(`${github.url}/login/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: github.clientId,
      redirect_uri: callbackFor(ORIGIN, 'github'),
      scope: 'read:user user:email',
      code_challenge_method: 'S256',
      response_type: 'code',
    });
    // OAuth 2 only: no nonce.
    expect(authorize.searchParams.has('nonce')).toBe(false);
    expect(back.location).toBe(APP);
    expect(setCookieValue(back.setCookies, 'gh_access')).toBeTruthy();
    const { user: me } = await sessionOf(b);
    expect(me).toMatchObject({ email: user.emails[1]!.email, emailVerified: true, name: 'The Octocat' });
    const [identity] = await t.store.identities.listForUser(me.id);
    expect(identity).toMatchObject({ provider: 'github', issuer: github.url, subject: String(user.id) });

    const seen = github.requests.slice(since);
    const token = seen.find((r) => r.path === '/login/oauth/access_token')!;
    expect(token.method).toBe('POST');
    expect(token.accept).toContain('application/json');
    for (const path of ['/api/v3/user', '/api/v3/user/emails']) {
      const api = seen.find((r) => r.path === path)!;
      expect(api).toMatchObject({
        method: 'GET',
        accept: 'application/vnd.github+json',
        userAgent: 'Gatehouse',
        apiVersion: '2022-11-28',
        authorization: expect.stringMatching(/^Bearer gho_/),
      });
    }
  });

  it('the same id after a rename of the login is the same user', async () => {
    const user = aGithubUser();
    const first = await sessionOf((await signIn(user)).b);
    const renamed = await sessionOf((await signIn({ ...user, login: 'renamed-octocat' })).b);
    expect(renamed.user.id).toBe(first.user.id);
  });

  it('no verified primary address: a new account without one', async () => {
    const email = uniqueEmail('octo-unverified');
    const user = aGithubUser({ emails: [{ email, primary: true, verified: false }] });
    const { b, back } = await signIn(user);
    expect(back.location).toBe(APP);
    expect((await sessionOf(b)).user).toMatchObject({ email: null, emailVerified: false });
  });

  it('without the user:email scope /user/emails is 404: signed in, with no address', async () => {
    const since = github.requests.length;
    const { b, authorize } = await signIn(aGithubUser(), 'github-basic');
    expect(authorize.searchParams.get('scope')).toBe('read:user');
    expect((await sessionOf(b)).user.email).toBeNull();
    expect(github.requests.slice(since).some((r) => r.path === '/api/v3/user/emails')).toBe(true);
  });

  it("GitHub's HTTP 200 error answer for a spent code is a failure: 400 OAUTH_FAILED, no session", async () => {
    const user = aGithubUser();
    const { b, callback } = await signIn(user);
    // A fresh flow in the same browser, answered with the spent code.
    const start = await b.send(`${ORIGIN}/auth/oauth/github/start?returnTo=${encodeURIComponent(APP)}`);
    const replay = new URL(callback);
    replay.searchParams.set('state', new URL(start.location!).searchParams.get('state')!);
    const refused = await b.send(replay.href);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).error.code).toBe('OAUTH_FAILED');
    expect(setCookieValue(refused.setCookies, 'gh_access')).toBeUndefined();
  });
});

describe('the GitHub preset', () => {
  it('is github.com with its API at api.github.com, the issuer recorded as https://github.com', () => {
    const settings = resolveSettings({
      oauth: { providers: { github: { preset: 'github', clientId: 'x' } } },
    });
    const github = resolveProvider('github', settings.oauth.providers.github!);
    expect(github).toMatchObject({
      kind: 'github',
      issuer: 'https://github.com',
      scopes: ['read:user', 'user:email'],
      github: {
        authorization: 'https://github.com/login/oauth/authorize',
        token: 'https://github.com/login/oauth/access_token',
        api: 'https://api.github.com',
      },
    });
  });
});
