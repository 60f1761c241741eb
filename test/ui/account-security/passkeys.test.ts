/**
 * Passkeys through the security pages, on SQLite and PostgreSQL, with a software authenticator
 * standing in for the browser's WebAuthn (the browser suite uses Chromium's virtual one): the
 * name step (a POST) answers with the registration options inside a form the script runs, which
 * stays hidden without JavaScript; the answer posted back adds the passkey (recovery codes shown
 * once for a first factor); a tampered answer is refused on the page; renaming and removing (box
 * ticked) work, and another user's passkey is a 404 like an unknown one.
 */
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, openGatehouse, type Reply, type TestGatehouse } from '../../support/gatehouse.js';
import { softwareAuthenticator } from '../../support/software-authenticator.js';
import { storeKinds } from '../../support/stores.js';
import { alertText, fieldError, signedInUser, statusText } from '../account/account.js';
import { expectSafePage, heading, open, submit } from '../pages.js';
import { attributeText, en, shownCodes } from './security.js';

/** The registration options the create form carries for the script. */
function optionsIn(reply: Reply): PublicKeyCredentialCreationOptionsJSON {
  const json = /data-webauthn-options-json="([^"]*)"/.exec(String(reply.body))?.[1];
  expect(json, 'the create form carries the options').toBeDefined();
  return JSON.parse(attributeText(json!));
}

describe.each(storeKinds)('the passkey pages (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { passkeys: { rpId: 'localhost', origins: [ORIGIN] } });
  });
  afterAll(() => t?.close());

  /** Adds a passkey named `name` through the pages; returns the final reply. */
  async function addPasskey(name: string): Promise<Reply> {
    const options = optionsIn(await submit(t, '/account/security/passkeys', { action: 'start', name }));
    const answer = softwareAuthenticator({ origin: ORIGIN }).create(options);
    return submit(t, '/account/security/passkeys', {
      action: 'register',
      name,
      response: JSON.stringify(answer),
    });
  }

  const passkeyIds = (reply: Reply) =>
    [...String(reply.body).matchAll(/href="\/account\/security\/passkeys\/(mfa_[0-9a-f]+)"/g)].map(
      (m) => m[1]!,
    );

  it('the name step answers with the options in a form the script runs; without it the form stays hidden', async () => {
    await signedInUser(t, 'pk-start');
    const intro = await open(t, '/account/security/passkeys');
    expectSafePage(intro, 200);
    expect(heading(intro)).toBe(en.passkeys.title);
    expect(String(intro.body)).not.toContain('data-webauthn');

    const create = await submit(t, '/account/security/passkeys', { action: 'start', name: 'Work laptop' });
    const body = expectSafePage(create, 200);
    expect(heading(create)).toBe(en.passkeys.createTitle);
    const form = /<form [^>]*data-webauthn="create"[^>]*>/.exec(body)?.[0] ?? '';
    expect(form).toContain(' hidden ');
    expect(form).toContain('data-webauthn-result="response"');
    expect(body).toContain(
      `<p class="gh-notice gh-notice-problem" data-webauthn-fallback>${en.passkeys.needsScript}</p>`,
    );
    const options = optionsIn(create);
    expect(options.rp.id).toBe('localhost');
    expect(options.challenge).toMatch(/^[\w-]{43}$/);

    const tooLong = await submit(t, '/account/security/passkeys', { action: 'start', name: 'x'.repeat(65) });
    expectSafePage(tooLong, 400);
    expect(fieldError(tooLong, 'passkey-name')).toBe(en.passkeys.nameInvalid(64));
  });

  it('the answer adds the passkey: a first factor shows the recovery codes once; a second goes back to the list', async () => {
    await signedInUser(t, 'pk-add');
    const first = await addPasskey('Work laptop');
    expectSafePage(first, 200);
    expect(heading(first)).toBe(en.recovery.title);
    expect(statusText(first)).toBe(en.overview.done.passkeyAdded);
    expect(shownCodes(first)).toHaveLength(10);

    const second = await addPasskey('Phone');
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe('/account/security?done=passkey-added');
    // The session stepped up: its new access token replaces the cookie.
    expect(second.headers.getSetCookie().some((c) => c.startsWith('gh_access='))).toBe(true);
    const overview = await open(t, '/account/security?done=passkey-added');
    const body = expectSafePage(overview, 200);
    expect(statusText(overview)).toBe(en.overview.done.passkeyAdded);
    expect(body).toContain('<th scope="row">Work laptop</th>');
    expect(body).toContain('<th scope="row">Phone</th>');
    expect(body).toContain(`aria-label="${en.overview.passkeyManageNamed('Phone')}"`);
    expect(passkeyIds(overview)).toHaveLength(2);
  });

  it('an answer that does not verify is refused on the page, and nothing is added', async () => {
    await signedInUser(t, 'pk-reject');
    const options = optionsIn(
      await submit(t, '/account/security/passkeys', { action: 'start', name: 'Key' }),
    );
    const answer = softwareAuthenticator({ origin: 'https://evil.example' }).create(options);
    for (const response of [JSON.stringify(answer), '{not json', '']) {
      const reply = await submit(t, '/account/security/passkeys', {
        action: 'register',
        name: 'Key',
        response,
      });
      expectSafePage(reply, 400);
      expect(alertText(reply)).toContain(en.passkeys.rejected);
    }
    expect(passkeyIds(await open(t, '/account/security'))).toEqual([]);
  });

  it('rename and remove: a bad name comes back on the field; removing needs the box ticked', async () => {
    await signedInUser(t, 'pk-manage');
    await addPasskey('Work laptop');
    const [id] = passkeyIds(await open(t, '/account/security'));
    const path = `/account/security/passkeys/${id}`;
    const manage = await open(t, path);
    expectSafePage(manage, 200);
    expect(heading(manage)).toBe(en.passkeys.manageTitle('Work laptop'));

    const blank = await submit(t, path, { action: 'rename', name: '   ' });
    expectSafePage(blank, 400);
    expect(fieldError(blank, 'passkey-rename')).toBe(en.passkeys.nameInvalid(64));
    const renamed = await submit(t, path, { action: 'rename', name: 'Old laptop' });
    expect(renamed.headers.get('location')).toBe('/account/security?done=passkey-renamed');
    expect(String((await open(t, '/account/security')).body)).toContain('<th scope="row">Old laptop</th>');

    const unticked = await submit(t, path, { action: 'remove' });
    expectSafePage(unticked, 400);
    expect(fieldError(unticked, 'passkey-remove-confirm')).toBe(en.common.confirmMissing);
    expect(passkeyIds(await open(t, '/account/security'))).toEqual([id]);

    const removed = await submit(t, path, { action: 'remove', confirm: 'yes' });
    expect(removed.headers.get('location')).toBe('/account/security?done=passkey-removed');
    const after = await open(t, '/account/security');
    expect(passkeyIds(after)).toEqual([]);
    expect(String(after.body)).toContain(en.overview.passkeysNone);
    expectSafePage(await open(t, path), 404);
  });

  it("another user's passkey is a 404, like an unknown one, for showing, renaming and removing", async () => {
    await signedInUser(t, 'pk-owner');
    await addPasskey('Mine');
    const [id] = passkeyIds(await open(t, '/account/security'));
    await signedInUser(t, 'pk-other');
    for (const path of [
      `/account/security/passkeys/${id}`,
      '/account/security/passkeys/mfa_00000000000000000000000000000000',
      '/account/security/passkeys/nonsense',
    ]) {
      const shown = await open(t, path);
      expectSafePage(shown, 404);
      expect(heading(shown)).toBe(en.common.notFound.title);
      expectSafePage(await submit(t, path, { action: 'rename', name: 'Stolen' }), 404);
      expectSafePage(await submit(t, path, { action: 'remove', confirm: 'yes' }), 404);
    }
  });
});
