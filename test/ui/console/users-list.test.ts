/**
 * The console's users table and the create form, on SQLite and PostgreSQL: the search and every
 * filter (status, app with role and plan, verified, second factor) as a GET form whose values the
 * page shows again, cursor paging whose "Next page" keeps the filters, the empty states, rows
 * linking to each user, and filter values the list cannot take answered at their field (400).
 * Creating a user with a password or a mailed link, with apps, and the refusals next to their
 * fields; the new user is audited as created by the operator through the console.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../../src/crypto/base32.js';
import { totpAt } from '../../../src/crypto/totp.js';
import { seedApp } from '../../support/apps.js';
import { openGatehouse, PASSWORD, signedIn, type TestGatehouse } from '../../support/gatehouse.js';
import type { SignedInOperator } from '../../support/operators.js';
import { storeKinds } from '../../support/stores.js';
import { expectSafePage, heading, open, submit } from '../pages.js';
import { expectConsoleEvent, operatorBrowser, redirected, statusMessage } from './console.js';

/** The users a table shows, by the link text of each row (the address or username). */
function rows(body: string): string[] {
  return [...body.matchAll(/<th scope="row"><a href="\/console\/users\/usr_\w+">([^<]+)<\/a><\/th>/g)].map(
    (m) => m[1]!,
  );
}

/** The "Next page" link's target, decoded. */
function nextLink(body: string): string | undefined {
  return /<a href="([^"]+)" rel="next">Next page<\/a>/.exec(body)?.[1]?.replace(/&amp;/g, '&');
}

describe.each(storeKinds)('the console users table (%s)', (kind) => {
  let t: TestGatehouse;
  let operator: SignedInOperator;
  let app: { id: string; name: string };
  const tag = `lst${Date.now().toString(36)}`;
  const email = (name: string) => `${name}-${tag}@example.com`;

  beforeAll(async () => {
    t = await openGatehouse(kind);
    app = await seedApp(t.store);
    // Five users to find: names, statuses, apps, roles, verified, a second factor.
    for (const name of ['ada', 'grace', 'edsger', 'barbara', 'alan']) {
      await t.gatehouse.provisionUser({ email: email(name), name: `${name} ${tag}`, password: PASSWORD });
      // Ids are ordered by time: a step of the clock keeps the list in this order.
      t.clock.advance(1000);
    }
    const id = async (name: string) => (await t.gatehouse.listUsers({ query: email(name) })).users[0]!.id;
    await t.gatehouse.addMember(await id('ada'), app.id, { role: 'admin' });
    await t.gatehouse.addMember(await id('grace'), app.id);
    await t.gatehouse.setUserStatus(await id('edsger'), 'suspended');
    await t.gatehouse.editUser(await id('barbara'), { emailVerified: true });
    const alan = signedIn(await t.gatehouse.signIn({ email: email('alan'), password: PASSWORD }));
    const secret = base32Decode((await t.gatehouse.enrollTotp(alan.accessToken)).secret);
    await t.gatehouse.activateTotp(alan.accessToken, totpAt(secret, Math.floor(t.clock.now() / 1000)));
    operator = await operatorBrowser(t);
  });
  afterAll(() => t.close());

  it('searches, and each row links to the user with their status, verified flag and second factor', async () => {
    const reply = await open(t, `/console/users?q=${tag}`);
    const body = expectSafePage(reply, 200);
    expect(heading(reply)).toBe('Users');
    expect(rows(body)).toEqual(['ada', 'grace', 'edsger', 'barbara', 'alan'].map(email));
    expect(body).toContain(`<input id="filter-q" name="q" type="text" autocomplete="off" value="${tag}"`);
    expect(body).toContain('<th scope="col">Second factor</th>');
    // Each row: status, verified, second factor.
    const cells = (name: string) =>
      new RegExp(
        `${email(name)}</a></th>\\s*<td>[^<]*</td>\\s*<td><span class="gh-badge gh-badge-(\\w+)">[^<]+</span></td>\\s*<td>(\\w+)</td>\\s*<td>(\\w+)</td>`,
      )
        .exec(body)
        ?.slice(1);
    expect(cells('edsger')).toEqual(['suspended', 'No', 'No']);
    expect(cells('barbara')).toEqual(['active', 'Yes', 'No']);
    expect(cells('alan')).toEqual(['active', 'No', 'Yes']);
  });

  it('filters by status, app, role, verified and second factor, and shows the filters chosen', async () => {
    const list = async (query: string) =>
      rows(expectSafePage(await open(t, `/console/users?q=${tag}&${query}`), 200));
    expect(await list('status=suspended')).toEqual([email('edsger')]);
    expect(await list(`app=${app.id}`)).toEqual([email('ada'), email('grace')]);
    expect(await list(`app=${app.id}&role=admin`)).toEqual([email('ada')]);
    expect(await list(`app=${app.id}&plan=free`)).toEqual([email('ada'), email('grace')]);
    expect(await list('verified=true')).toEqual([email('barbara')]);
    expect(await list('hasMfa=true')).toEqual([email('alan')]);
    expect(await list('hasMfa=false&verified=false')).toEqual(['ada', 'grace', 'edsger'].map(email));
    const shown = expectSafePage(
      await open(t, `/console/users?q=${tag}&status=suspended&app=${app.id}`),
      200,
    );
    expect(shown).toContain('<option value="suspended" selected>Suspended</option>');
    expect(shown).toContain(`<option value="${app.id}" selected>${app.name}</option>`);
    expect(shown).toContain('No user matches these filters.');
    expect(shown).toContain('<a href="/console/users">Clear the filters</a>');
  });

  it('pages with a cursor: "Next page" keeps the filters; the last page has none; past the end says so', async () => {
    const first = expectSafePage(await open(t, `/console/users?q=${tag}&verified=false&limit=2`), 200);
    expect(rows(first)).toEqual([email('ada'), email('grace')]);
    const second = nextLink(first)!;
    expect(second).toMatch(new RegExp(`^/console/users\\?q=${tag}&verified=false&limit=2&cursor=usr_\\w+$`));
    const secondPage = expectSafePage(await open(t, second), 200);
    expect(rows(secondPage)).toEqual([email('edsger'), email('alan')]);
    expect(secondPage).toContain(
      `<a href="/console/users?q=${tag}&amp;verified=false&amp;limit=2">First page</a>`,
    );
    // The list knows it has ended: no "Next page" on the last one.
    expect(nextLink(secondPage)).toBeUndefined();
    // A cursor past the end shows an empty page that says so.
    const cursor = /cursor=(usr_\w+)/.exec(second)![1]!;
    const past = await t.gatehouse.listUsers({ query: tag, cursor, limit: 200 });
    const lastId = past.users.at(-1)!.id;
    const beyond = expectSafePage(await open(t, `/console/users?q=${tag}&cursor=${lastId}`), 200);
    expect(rows(beyond)).toEqual([]);
    expect(beyond).toContain('There are no more users.');
  });

  it('filter values the list cannot take come back at their field (400), with no table', async () => {
    const cases: Array<[string, string, string]> = [
      ['status=gone', 'filter-status', 'Choose one of the statuses.'],
      ['role=admin', 'filter-app', 'Choose an app to filter by role or plan.'],
      [`app=${app.id}&role=Not%20A%20Role`, 'filter-role', 'A role name starts with a–z'],
      ['app=app_0190f2a81b3c7abc8123456789abcdef', 'filter-app', 'There is no such app.'],
      ['hasMfa=maybe', 'filter-mfa', 'Choose any, yes or no.'],
      ['cursor=nonsense', 'filter-q', 'This page link no longer works.'],
    ];
    for (const [query, field, message] of cases) {
      const body = expectSafePage(await open(t, `/console/users?${query}`), 400);
      expect(body, query).toContain(`<a href="#${field}">${message}`);
      expect(body, query).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
      expect(rows(body), query).toEqual([]);
    }
  });

  it('creates a user with a password and an app; audited as the operator through the console', async () => {
    const form = await open(t, '/console/users/new');
    const page = expectSafePage(form, 200);
    expect(heading(form)).toBe('Create a user');
    expect(page).toContain(`value="${app.id}"`);
    const created = await submit(t, '/console/users/new', {
      email: email('margaret'),
      name: 'Margaret',
      passwordMode: 'password',
      password: PASSWORD,
      emailVerified: 'true',
      apps: app.id,
    });
    const shown = expectSafePage(await redirected(t, created), 200);
    expect(statusMessage(shown)).toBe('The user was created.');
    const id = /^\/console\/users\/(usr_\w+)\?done=created$/.exec(created.headers.get('location')!)![1]!;
    const detail = await t.gatehouse.getUserDetail(id);
    expect([detail.user.email, detail.user.emailVerified, detail.password.set]).toEqual([
      email('margaret'),
      true,
      true,
    ]);
    expect(detail.memberships.map((m) => m.appId)).toEqual([app.id]);
    await expectConsoleEvent(t, operator, 'user.created', id);
    signedIn(await t.gatehouse.signIn({ email: email('margaret'), password: PASSWORD }));
  });

  it('creates a user who is mailed a link to set a password', async () => {
    await open(t, '/console/users/new');
    const created = await submit(t, '/console/users/new', {
      email: email('katherine'),
      passwordMode: 'link',
    });
    const shown = expectSafePage(await redirected(t, created), 200);
    expect(statusMessage(shown)).toBe(
      `The user was created, and ${email('katherine')} was mailed a link to set a password.`,
    );
    expect(shown).toContain('No password');
  });

  it('refusals come back at their field, with what was typed', async () => {
    await open(t, '/console/users/new');
    const cases: Array<[Record<string, string>, number, string, string]> = [
      [{ passwordMode: 'link' }, 400, 'email', 'Enter an email address, a username or both.'],
      [
        { email: email('ada'), passwordMode: 'link' },
        409,
        'email',
        'An account with this email address exists.',
      ],
      [
        { email: 'not an address', passwordMode: 'link' },
        400,
        'email',
        'Enter an email address like name@example.com.',
      ],
      [
        { email: email('new1'), passwordMode: 'password' },
        400,
        'password',
        'Enter a password, or choose to mail a link.',
      ],
      [
        { email: email('new2'), passwordMode: 'password', password: 'short' },
        400,
        'password',
        'Use at least',
      ],
      [
        { username: 'loner', passwordMode: 'link' },
        400,
        'password-mode-link',
        'A link needs an email address',
      ],
    ];
    for (const [fields, status, field, message] of cases) {
      const reply = await submit(t, '/console/users/new', fields);
      const body = expectSafePage(reply, status);
      expect(body, JSON.stringify(fields)).toContain(`<a href="#${field}">${message}`);
      if (fields.email) expect(body).toContain(`value="${fields.email}"`);
    }
    expect((await t.gatehouse.listUsers({ query: email('new') })).users).toEqual([]);
  });
});

describe.each(storeKinds)('the console users table, empty (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  it('says when nothing matches, and offers to clear the filters', async () => {
    await operatorBrowser(t);
    const body = expectSafePage(await open(t, '/console/users?q=nobody-here-at-all'), 200);
    expect(body).toContain('No user matches these filters.');
    expect(body).not.toContain('<table>');
    expect(body).toContain('<a href="/console/users/new">Create a user</a>');
  });
});
