/**
 * Personal access tokens through the pages, on SQLite and PostgreSQL: creating one answers the
 * POST itself (200, no Location) with the whole token, once — the list and every later page
 * show only its name and id — and the token works as a bearer on `GET /auth/me`; revoking
 * (box ticked) makes it fail; refusals come back on their fields (no name, no scope, a bad scope,
 * a past or too distant day); another user's token is a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { fieldError, impersonatedBrowser, signedInUser, statusText } from '../account/account.js';
import { expectSafePage, heading, open, submit } from '../pages.js';
import { en, shownToken } from './security.js';

const DAY_MS = 86_400_000;
/** The date `days` from `now` as a date field holds it (UTC). */
const dayFrom = (now: number, days: number) => new Date(now + days * DAY_MS).toISOString().slice(0, 10);

describe.each(storeKinds)('the personal access token pages (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { pats: { maxLifetimeDays: 90 } });
  });
  afterAll(() => t?.close());

  const me = (token: string) => t.request('GET', '/auth/me', { token });
  const tokenIds = async () =>
    [
      ...String((await open(t, '/account/tokens')).body).matchAll(
        /href="\/account\/tokens\/(pat_[0-9a-f]{32})"/g,
      ),
    ].map((m) => m[1]!);

  it('create: the token is shown once in the answer, works as a bearer, and no later page shows it', async () => {
    const { email } = await signedInUser(t, 'pat-create');
    const list = await open(t, '/account/tokens');
    const body = expectSafePage(list, 200);
    expect(heading(list)).toBe(en.tokens.title);
    expect(body).toContain(en.tokens.none);
    expect(body).toContain('value="profile:read"');
    expect(body).toContain('value="profile:write"');
    expect(body).not.toContain('value="admin:read"');

    const created = await submit(t, '/account/tokens', {
      name: 'CI deploys',
      scope: 'profile:read',
      otherScopes: 'invoices:read deploy/staging',
      expires: dayFrom(t.clock.now(), 30),
    });
    expectSafePage(created, 200);
    expect(created.headers.get('location')).toBeNull();
    expect(heading(created)).toBe(en.tokens.createdTitle);
    const token = shownToken(created);
    expect(token).toMatch(/^pat_[0-9a-f]{32}_[\w-]{43}$/);
    expect(String(created.body)).toContain('data-copy="#new-token"');

    const used = await me(token);
    expect(used.status).toBe(200);
    expect(used.body.email).toBe(email);

    const later = await open(t, '/account/tokens');
    const laterBody = expectSafePage(later, 200);
    expect(laterBody).not.toContain(token);
    expect(laterBody).not.toContain(token.slice(token.lastIndexOf('_') + 1));
    expect(laterBody).toContain('<th scope="row">CI deploys</th>');
    expect(laterBody).toContain('<code>invoices:read</code>');
    const [id] = await tokenIds();
    expect(token.startsWith(`${id}_`)).toBe(true);
    const revokePage = await open(t, `/account/tokens/${id}`);
    expect(String(revokePage.body)).not.toContain(token);
  });

  it('revoking needs the box ticked; then the token fails as a bearer', async () => {
    await signedInUser(t, 'pat-revoke');
    const token = shownToken(await submit(t, '/account/tokens', { name: 'script', scope: 'profile:read' }));
    const [id] = await tokenIds();
    const confirm = await open(t, `/account/tokens/${id}`);
    expectSafePage(confirm, 200);
    expect(heading(confirm)).toBe(en.tokens.revokeConfirm.title('script'));
    const unticked = await submit(t, `/account/tokens/${id}`, {});
    expectSafePage(unticked, 400);
    expect(fieldError(unticked, 'confirm-remove')).toBe(en.common.confirmMissing);
    expect((await me(token)).status).toBe(200);

    const revoked = await submit(t, `/account/tokens/${id}`, { confirm: 'yes' });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/account/tokens?done=revoked');
    expect(statusText(await open(t, '/account/tokens?done=revoked'))).toBe(en.tokens.revoked);
    expect((await me(token)).status).toBe(401);
    expect(await tokenIds()).toEqual([]);
    expectSafePage(await open(t, `/account/tokens/${id}`), 404);
  });

  it('refusals come back on their fields with what was typed, and nothing is created', async () => {
    await signedInUser(t, 'pat-refuse');
    const noName = await submit(t, '/account/tokens', { name: ' ', scope: 'profile:read' });
    expectSafePage(noName, 400);
    expect(fieldError(noName, 'token-name')).toBe(en.tokens.nameInvalid);
    expect(String(noName.body)).toMatch(/value="profile:read" checked/);

    const noScope = await submit(t, '/account/tokens', { name: 'x' });
    expectSafePage(noScope, 400);
    expect(String(noScope.body)).toContain(
      `<li><a href="#token-scope-0">${en.tokens.scopesMissing}</a></li>`,
    );

    const badScope = await submit(t, '/account/tokens', { name: 'x', otherScopes: '*' });
    expectSafePage(badScope, 400);
    expect(String(badScope.body)).toContain(
      `<li><a href="#token-scope-0">${en.tokens.scopesInvalid}</a></li>`,
    );
    expect(String(badScope.body)).toContain('value="*"');

    for (const [expires, message] of [
      ['2001-01-01', en.tokens.expiresInvalid],
      ['2030-02-31', en.tokens.expiresInvalid],
      ['tomorrow', en.tokens.expiresInvalid],
      [dayFrom(t.clock.now(), 200), en.tokens.expiresTooFar(90)],
    ] as const) {
      const reply = await submit(t, '/account/tokens', { name: 'x', scope: 'profile:read', expires });
      expectSafePage(reply, 400);
      expect(fieldError(reply, 'token-expires'), expires).toBe(message);
    }
    expect(await tokenIds()).toEqual([]);
  });

  it("another user's token is a 404, like an unknown one; an impersonated session cannot create one", async () => {
    await signedInUser(t, 'pat-owner');
    shownToken(await submit(t, '/account/tokens', { name: 'mine', scope: 'profile:read' }));
    const [id] = await tokenIds();
    await signedInUser(t, 'pat-other');
    for (const path of [`/account/tokens/${id}`, '/account/tokens/pat_00000000000000000000000000000000']) {
      expectSafePage(await open(t, path), 404);
      expectSafePage(await submit(t, path, { confirm: 'yes' }), 404);
    }
    await impersonatedBrowser(t, 'pat-impersonated');
    const refused = await submit(t, '/account/tokens', { name: 'x', scope: 'profile:read' });
    expectSafePage(refused, 403);
    expect(heading(refused)).toBe(en.common.impersonated.title);
  });
});
