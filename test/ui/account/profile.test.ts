/**
 * `/account`, the profile page, on SQLite and PostgreSQL: it shows what the profile holds; saving
 * changes exactly the fields the form has (an emptied one is cleared, the app's metadata is left
 * alone) and answers 303 to a page that says so; a refused field comes back next to its input
 * with what was typed, and nothing changes; markup typed into a field comes back escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStrings } from '../../../src/ui/locales/account/index.js';
import { openGatehouse, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { expectSafePage, follow, open, submit } from '../pages.js';
import { fieldError, signedInUser, statusText } from './account.js';

const s = accountStrings.en.profile;

const FULL = {
  name: 'Ada Lovelace',
  displayName: 'Ada',
  locale: 'en',
  imageUrl: 'https://images.example/ada.png',
  phone: '+14155550123',
  dateOfBirth: '1990-04-21',
  street: '12 St James’s Square',
  postalCode: 'SW1Y 4JH',
  city: 'London',
  state: '',
  country: 'United Kingdom',
};

describe.each(storeKinds)('the profile page (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t?.close());

  const me = async (token: string) => (await t.request('GET', '/auth/me', { token })).body;

  it('saves every field, says so, and shows the saved values', async () => {
    const user = await signedInUser(t, 'profile-save');
    await t.request('PATCH', '/auth/me', { token: user.accessToken, body: { metadata: { plan: 'kept' } } });
    const form = expectSafePage(await open(t, '/account'), 200);
    expect(form).toContain(s.signedInAs(user.email));
    expect(statusText(await open(t, '/account'))).toBe('');

    const posted = await submit(t, '/account', FULL);
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/account?result=saved');
    const saved = await follow(t, '/account', posted);
    const body = expectSafePage(saved, 200);
    expect(statusText(saved)).toBe(s.saved);
    expect(body).toContain('value="Ada Lovelace"');
    expect(body).toContain('value="1990-04-21"');
    expect(body).toContain('<option value="en" lang="en" selected>English</option>');

    const profile = await me(user.accessToken);
    expect(profile).toMatchObject({
      name: 'Ada Lovelace',
      displayName: 'Ada',
      locale: 'en',
      imageUrl: 'https://images.example/ada.png',
      phone: '+14155550123',
      dateOfBirth: '1990-04-21',
      address: {
        street: '12 St James’s Square',
        postalCode: 'SW1Y 4JH',
        city: 'London',
        state: null,
        country: 'United Kingdom',
      },
      metadata: { plan: 'kept' },
    });

    // Emptied fields are cleared; an address with nothing in it is no address.
    await submit(t, '/account', {
      ...FULL,
      displayName: '',
      imageUrl: '',
      street: '',
      postalCode: '',
      city: '',
      country: '',
    });
    const cleared = await me(user.accessToken);
    expect(cleared).toMatchObject({ name: 'Ada Lovelace', displayName: null, imageUrl: null, address: null });
  });

  it('refused fields come back next to their inputs with what was typed, and nothing changes', async () => {
    const user = await signedInUser(t, 'profile-refused');
    await open(t, '/account');
    await submit(t, '/account', { name: 'Before' });
    const before = await me(user.accessToken);

    await open(t, '/account');
    const refused = await submit(t, '/account', {
      ...FULL,
      imageUrl: 'javascript:alert(1)',
      phone: '0155 555',
      dateOfBirth: '1990-13-45',
      city: 'x'.repeat(300),
    });
    const body = expectSafePage(refused, 400);
    expect(fieldError(refused, 'profile-imageUrl')).toBe(s.invalid.imageUrl);
    expect(fieldError(refused, 'profile-phone')).toBe(s.invalid.phone);
    expect(fieldError(refused, 'profile-dateOfBirth')).toBe(s.invalid.dateOfBirth);
    expect(fieldError(refused, 'profile-city')).toBe(s.invalid.address);
    expect(fieldError(refused, 'profile-name')).toBe('');
    // What was typed is shown again, escaped.
    expect(body).toContain('value="0155 555"');
    expect(body).toContain('value="Ada Lovelace"');
    expect(await me(user.accessToken)).toEqual(before);

    // A language that is not on the list (a forged form) is refused too.
    const forged = await submit(t, '/account', { locale: 'not a tag' });
    expectSafePage(forged, 400);
    expect(fieldError(forged, 'profile-locale')).toBe(s.invalid.locale);
  });

  it('a date in the future alone is refused (the check after the schema)', async () => {
    const user = await signedInUser(t, 'profile-future');
    await open(t, '/account');
    const refused = await submit(t, '/account', { dateOfBirth: '2999-12-31' });
    expectSafePage(refused, 400);
    expect(fieldError(refused, 'profile-dateOfBirth')).toBe(s.invalid.dateOfBirth);
    expect((await me(user.accessToken)).dateOfBirth).toBeNull();
  });

  it('markup typed into a field is stored as text and shown escaped', async () => {
    const user = await signedInUser(t, 'profile-markup');
    await open(t, '/account');
    const typed = '"><script>alert(1)</script>';
    expect((await submit(t, '/account', { name: typed })).status).toBe(303);
    const body = expectSafePage(await open(t, '/account'), 200);
    expect(body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(body).not.toContain(typed);
    expect((await me(user.accessToken)).name).toBe(typed);
  });

  it('a language the profile already has but the list lacks stays selectable', async () => {
    const user = await signedInUser(t, 'profile-fr');
    await t.request('PATCH', '/auth/me', { token: user.accessToken, body: { locale: 'fr-CA' } });
    const body = expectSafePage(await open(t, '/account'), 200);
    expect(body).toMatch(/<option value="fr-CA" selected>[^<]+<\/option>/);
    // Saving without touching it keeps it.
    expect((await submit(t, '/account', { ...FULL, locale: 'fr-CA' })).status).toBe(303);
    expect((await me(user.accessToken)).locale).toBe('fr-CA');
  });
});
