/**
 * Linked identities through the pages, on SQLite and PostgreSQL, with identities linked by real
 * ID tokens (signed by a local JWKS server): the list names each provider; linking a provider is
 * a link to a page that checks the sign-in is recent and then sends the browser (303) to the
 * API's link redirect, which takes the session cookie on to the provider; the callback's `?linked=` and
 * `?error=` are shown (only for configured providers); unlinking needs the box ticked, and the
 * account's only way in is refused with `LAST_SIGN_IN_METHOD` shown as a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, openGatehouse, type TestGatehouse } from '../../support/gatehouse.js';
import { claimsFor, idTokenSettings, uniqueSubject } from '../../support/id-token-providers.js';
import { type JwksServer, startJwksServer } from '../../support/jwks-server.js';
import { storeKinds } from '../../support/stores.js';
import { alertText, fieldError, impersonatedBrowser, signedInUser, statusText } from '../account/account.js';
import { clearBrowser, expectSafePage, heading, open, signInBrowser, submit } from '../pages.js';
import { en } from './security.js';

const RETURN = `${ORIGIN}/account/identities`;

describe.each(storeKinds)('the linked identity pages (%s)', (kind) => {
  let t: TestGatehouse;
  let jwks: JwksServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
    t = await openGatehouse(kind, {
      baseUrl: ORIGIN,
      ...idTokenSettings(jwks),
      oauth: { providers: { github: { preset: 'github', clientId: 'page-test' } }, redirectUrls: [RETURN] },
    });
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.stop();
  });

  const idToken = (sub: string, email?: string) =>
    jwks.sign({
      now: t.clock.now(),
      claims: claimsFor('custom', sub, t.clock.now(), email ? { email } : {}),
    });

  /** Links an ID-token identity to the account behind `accessToken`; returns its id. */
  async function linkIdentity(accessToken: string): Promise<string> {
    const reply = await t.request('POST', '/auth/identities/id-token', {
      token: accessToken,
      body: { provider: 'custom', idToken: await idToken(uniqueSubject('page')) },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.identity.id as string;
  }

  it('the list names each linked provider and offers the configured ones to link', async () => {
    const user = await signedInUser(t, 'idn-list');
    const empty = await open(t, '/account/identities');
    let body = expectSafePage(empty, 200);
    expect(heading(empty)).toBe(en.identities.title);
    expect(body).toContain(en.identities.none);
    expect(body).toContain(`<a href="/account/identities/link/github">${en.identities.link('GitHub')}</a>`);

    const id = await linkIdentity(user.accessToken);
    body = expectSafePage(await open(t, '/account/identities'), 200);
    expect(body).toContain('<th scope="row">custom</th>');
    expect(body).toContain(
      `href="/account/identities/${id}" aria-label="${en.identities.unlinkNamed('custom')}"`,
    );
  });

  it('linking: a link to a page that checks the sign-in is recent, then (303) the API link redirect, which takes the session cookie to the provider', async () => {
    await signedInUser(t, 'idn-link');
    const page = String((await open(t, '/account/identities')).body);
    expect(page).toContain(
      `<li><a href="/account/identities/link/github">${en.identities.link('GitHub')}</a></li>`,
    );
    const linking = await open(t, '/account/identities/link/github', { 'sec-fetch-site': 'same-origin' });
    expect(linking.status).toBe(303);
    const location = linking.headers.get('location')!;
    expect(location).toBe(`/auth/oauth/github/link?returnTo=${encodeURIComponent(RETURN)}`);
    const onward = await open(t, location, { 'sec-fetch-site': 'same-origin' });
    expect(onward.status, JSON.stringify(onward.body)).toBe(302);
    expect(onward.headers.get('location')).toMatch(/^https:\/\/github\.com\/login\/oauth\/authorize\?/);
    // Started from another site, the API's link redirect refuses the cookie.
    expect((await open(t, location, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);

    const unknown = await open(t, '/account/identities/link/nope');
    expectSafePage(unknown, 404);
    expect(heading(unknown)).toBe(en.common.notFound.title);

    t.clock.advance((t.gatehouse.settings.mfa.reauthMaxAge + 60) * 1000);
    const stale = await open(t, '/account/identities/link/github');
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe(
      `/account/reauth?returnTo=${encodeURIComponent('/account/identities')}`,
    );
  });

  it("the provider's answer is shown: linked, refused, and nothing for a provider not configured", async () => {
    await signedInUser(t, 'idn-outcome');
    expect(statusText(await open(t, '/account/identities?linked=github'))).toBe(
      en.identities.linked('GitHub'),
    );
    const inUse = await open(t, '/account/identities?error=IDENTITY_IN_USE');
    expect(alertText(inUse)).toBe(`${en.identities.inUse.title} ${en.identities.inUse.body}`);
    const failed = await open(t, '/account/identities?error=OAUTH_FAILED');
    expect(alertText(failed)).toBe(`${en.identities.linkFailed.title} ${en.identities.linkFailed.body}`);
    const forged = await open(t, '/account/identities?linked=%3Cb%3Eevil');
    expect(statusText(forged)).toBe('');
    expect(String(forged.body)).not.toContain('evil');
  });

  it('unlinking needs the box ticked; the only way to sign in is refused with a message', async () => {
    const user = await signedInUser(t, 'idn-unlink');
    const id = await linkIdentity(user.accessToken);
    const path = `/account/identities/${id}`;
    const confirm = await open(t, path);
    expectSafePage(confirm, 200);
    expect(heading(confirm)).toBe(en.identities.unlinkConfirm.title('custom'));
    const unticked = await submit(t, path, {});
    expectSafePage(unticked, 400);
    expect(fieldError(unticked, 'confirm-remove')).toBe(en.common.confirmMissing);

    const done = await submit(t, path, { confirm: 'yes' });
    expect(done.headers.get('location')).toBe('/account/identities?done=unlinked');
    const list = await open(t, '/account/identities?done=unlinked');
    expect(statusText(list)).toBe(en.identities.unlinked);
    expect(String(list.body)).toContain(en.identities.none);
    expectSafePage(await open(t, path), 404);

    // An account made by an ID-token sign-in has no password: its identity is its only way in.
    const signedIn = await t.request('POST', '/auth/sign-in/id-token', {
      body: { provider: 'custom', idToken: await idToken(uniqueSubject('only')) },
    });
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
    clearBrowser(t);
    signInBrowser(t, signedIn.body);
    const [only] = (await t.request('GET', '/auth/identities', { token: signedIn.body.accessToken })).body
      .identities as Array<{ id: string }>;
    const refused = await submit(t, `/account/identities/${only!.id}`, { confirm: 'yes' });
    expectSafePage(refused, 409);
    expect(alertText(refused)).toBe(`${en.identities.lastMethod.title} ${en.identities.lastMethod.body}`);
    expect(
      (await t.request('GET', '/auth/identities', { token: signedIn.body.accessToken })).body.identities,
    ).toHaveLength(1);
  });

  it("another user's identity is a 404; an impersonated session is refused with the message", async () => {
    const owner = await signedInUser(t, 'idn-owner');
    const id = await linkIdentity(owner.accessToken);
    await signedInUser(t, 'idn-other');
    expectSafePage(await open(t, `/account/identities/${id}`), 404);
    expectSafePage(await submit(t, `/account/identities/${id}`, { confirm: 'yes' }), 404);
    expect(
      (await t.request('GET', '/auth/identities', { token: owner.accessToken })).body.identities,
    ).toHaveLength(1);

    await impersonatedBrowser(t, 'idn-impersonated');
    const link = await open(t, '/account/identities/link/github');
    expectSafePage(link, 403);
    expect(heading(link)).toBe(en.common.impersonated.title);
  });
});
