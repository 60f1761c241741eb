/**
 * The authenticator app and recovery codes through the security pages, on SQLite and
 * PostgreSQL: starting shows the QR code (inline SVG, no style attribute) and the setup key; a
 * wrong code comes back next to its field with the same key; the right one turns the app on and
 * shows the recovery codes once — not after a reload, not on any later page, never in a
 * Location; the codes download as a text file; making new ones needs a confirmation and voids
 * the old set; removing the app needs a confirmation. A sign-in that is not recent goes to
 * reauthenticate first, and an operator's session as the user is told the change is not theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { alertText, fieldError, impersonatedBrowser, signedInUser, statusText } from '../account/account.js';
import { accessCookie, expectSafePage, heading, open, submit } from '../pages.js';
import { addTotp, appCode, de, en, hiddenFields, shownCodes, shownSecret, startTotp } from './security.js';

describe.each(storeKinds)('the authenticator app and recovery code pages (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t?.close());

  const signIn = (email: string) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
  const verify = (mfaToken: string, method: string, code: string) =>
    t.request('POST', '/auth/mfa/verify', { body: { mfaToken, method, code } });

  it('the overview offers the app; starting (a POST) shows the QR code as inline SVG and the setup key', async () => {
    await signedInUser(t, 'totp-start');
    const overview = await open(t, '/account/security');
    const body = expectSafePage(overview, 200);
    expect(heading(overview)).toBe(en.overview.title);
    expect(body).toContain(en.overview.totpOff);
    expect(body).toContain('<a href="/account/security/totp">');

    const intro = await open(t, '/account/security/totp');
    expect(heading(intro)).toBe(en.totp.title);
    expect(String(intro.body)).not.toContain('<svg');

    const { reply, secret } = await startTotp(t);
    const page = String(reply.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const svg = /<svg\b[^>]*>/.exec(page)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    expect(svg).toContain(`aria-label="${en.totp.qrAlt}"`);
    expect(svg).toContain('class="gh-qr"');
    expect(page).toMatch(/<path [^>]*d="M/);
    expect(page).not.toMatch(/style\s*=/i);
    // Grouped by markup, not by characters: copying gives the key itself.
    expect(page).toContain(
      `<span class="gh-grouped"><span>${secret.slice(0, 4)}</span><span>${secret.slice(4, 8)}</span>`,
    );
    expect(hiddenFields(reply, 'activate').uri).toMatch(
      new RegExp(`^otpauth://totp/.*[?&]secret=${secret}&`),
    );
    expect(page).toContain('data-copy="#totp-secret"');
    expect(reply.headers.get('location')).toBeNull();
  });

  it('a wrong code comes back next to its field with the same key; the right one turns the app on and shows the recovery codes once', async () => {
    const { email } = await signedInUser(t, 'totp-activate');
    const { reply: setup, secret } = await startTotp(t);
    const fields = hiddenFields(setup, 'activate');
    const right = appCode(t, secret);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');

    const refused = await submit(t, '/account/security/totp', { ...fields, code: wrong });
    expectSafePage(refused, 400);
    expect(fieldError(refused, 'totp-code')).toBe(en.totp.codeWrong);
    expect(shownSecret(refused)).toBe(secret);
    expect(String(refused.body)).toContain('<svg');

    const empty = await submit(t, '/account/security/totp', { ...fields, code: '' });
    expectSafePage(empty, 400);
    expect(fieldError(empty, 'totp-code')).toBe(en.totp.codeMissing);
    expect((await signIn(email)).body.accessToken).toBeDefined(); // still a password alone

    const done = await submit(t, '/account/security/totp', { ...fields, code: right });
    expectSafePage(done, 200);
    expect(done.headers.get('location')).toBeNull();
    expect(heading(done)).toBe(en.recovery.title);
    expect(statusText(done)).toBe(en.overview.done.totpAdded);
    const codes = shownCodes(done);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // The page that shows the codes also hands the browser the session's new aal2 access token,
    // so an app reading the cookie's claims sees the second factor at once.
    const claims = await t.gatehouse.verifyAccessToken(accessCookie(t)!);
    expect([claims.aal, claims.amr]).toEqual(['aal2', expect.arrayContaining(['otp'])]);

    // Sending the form again (a reload) shows no codes: the app is on already.
    const again = await submit(t, '/account/security/totp', { ...fields, code: appCode(t, secret, 1) });
    expectSafePage(again, 409);
    expect(heading(again)).toBe(en.totp.alreadyOn.title);
    // No later page shows the key or a code.
    for (const [path, status] of [
      ['/account/security', 200],
      ['/account/security/totp', 409],
      ['/account/security/recovery-codes', 200],
    ] as const) {
      const later = expectSafePage(await open(t, path), status);
      expect(later).not.toContain(secret);
      for (const code of codes) expect(later).not.toContain(code);
    }
    const overview = String((await open(t, '/account/security')).body);
    expect(overview).toContain('<a href="/account/security/totp/remove">');
    expect(overview).toContain(en.overview.recoveryRemaining(10));

    // A password alone no longer signs in; the app's code and a recovery code do.
    const challenge = await signIn(email);
    expect(challenge.body.mfaRequired).toBe(true);
    expect((await verify(challenge.body.mfaToken, 'recovery_code', codes[0]!)).status).toBe(200);
  });

  it('the recovery codes download as a text file; a download of anything else is refused', async () => {
    await signedInUser(t, 'totp-download');
    const { codes, reply } = await addTotp(t);
    const file = await submit(t, '/account/security/recovery-codes', hiddenFields(reply, 'download'));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="recovery-codes.txt"');
    expect(file.headers.get('cache-control')).toBe('no-store');
    const lines = String(file.body).split('\r\n');
    for (const code of codes) expect(lines).toContain(code);
    expect(lines[0]).toBe(en.recovery.fileTitle('Gatehouse'));

    for (const bad of ['', 'not-a-code', `${codes[0]} <script>`, Array(11).fill(codes[0]).join(' ')]) {
      const refused = await submit(t, '/account/security/recovery-codes', { action: 'download', codes: bad });
      expectSafePage(refused, 400);
      expect(heading(refused)).toBe(en.recovery.badDownload.title);
    }
  });

  it('new recovery codes need the box ticked; the new set is shown once and the old one stops working', async () => {
    const { email } = await signedInUser(t, 'totp-regenerate');
    const { codes: old } = await addTotp(t);
    const confirm = await open(t, '/account/security/recovery-codes');
    expectSafePage(confirm, 200);
    expect(heading(confirm)).toBe(en.recovery.regenerate.title);

    const unticked = await submit(t, '/account/security/recovery-codes', {});
    expectSafePage(unticked, 400);
    expect(fieldError(unticked, 'confirm-remove')).toBe(en.common.confirmMissing);

    const fresh = await submit(t, '/account/security/recovery-codes', { confirm: 'yes' });
    expectSafePage(fresh, 200);
    const codes = shownCodes(fresh);
    expect(codes).toHaveLength(10);
    expect(codes.some((c) => old.includes(c))).toBe(false);

    const first = await signIn(email);
    expect((await verify(first.body.mfaToken, 'recovery_code', old[1]!)).status).toBe(401);
    const second = await signIn(email);
    expect((await verify(second.body.mfaToken, 'recovery_code', codes[1]!)).status).toBe(200);
  });

  it('recovery codes without a second factor: the page says to add one first', async () => {
    await signedInUser(t, 'totp-nofactor');
    const page = await open(t, '/account/security/recovery-codes');
    expectSafePage(page, 409);
    expect(heading(page)).toBe(en.recovery.notEnabled.title);
    const posted = await submit(t, '/account/security/recovery-codes', { confirm: 'yes' });
    expectSafePage(posted, 409);
    expect(shownCodes(posted)).toEqual([]);
  });

  it('removing the app needs the box ticked; afterwards a password alone signs in again', async () => {
    const { email } = await signedInUser(t, 'totp-remove');
    await addTotp(t);
    const confirm = await open(t, '/account/security/totp/remove');
    expectSafePage(confirm, 200);
    expect(heading(confirm)).toBe(en.totp.remove.title);
    const unticked = await submit(t, '/account/security/totp/remove', {});
    expectSafePage(unticked, 400);
    expect(fieldError(unticked, 'confirm-remove')).toBe(en.common.confirmMissing);
    expect((await signIn(email)).body.mfaRequired).toBe(true);

    const removed = await submit(t, '/account/security/totp/remove', { confirm: 'yes' });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/account/security?done=totp-removed');
    const overview = await open(t, '/account/security?done=totp-removed');
    expect(statusText(overview)).toBe(en.overview.done.totpRemoved);
    expect(String(overview.body)).toContain(en.overview.totpOff);
    expect((await signIn(email)).body.accessToken).toBeDefined();
  });

  it('a sign-in that is not recent goes to reauthenticate first, with this page to come back to', async () => {
    await signedInUser(t, 'totp-stale');
    t.clock.advance((t.gatehouse.settings.mfa.reauthMaxAge + 60) * 1000);
    for (const [path, fields] of [
      ['/account/security/totp', { action: 'enroll' }],
      ['/account/security/totp/remove', { confirm: 'yes' }],
      ['/account/security/recovery-codes', { confirm: 'yes' }],
    ] as const) {
      const reply = await submit(t, path, fields);
      expect(reply.status, path).toBe(303);
      expect(reply.headers.get('location')).toBe(`/account/reauth?returnTo=${encodeURIComponent(path)}`);
    }
    // The account pages' reauthentication brings the browser back, and the change goes through.
    const proved = await submit(t, '/account/reauth', {
      returnTo: '/account/security/totp',
      method: 'password',
      password: PASSWORD,
    });
    expect(proved.status, String(proved.body).slice(0, 300)).toBe(303);
    expect(proved.headers.get('location')).toBe('/account/security/totp');
    expectSafePage(await submit(t, '/account/security/totp', { action: 'enroll' }), 200);
  });

  it("an operator's session as the user is told that only the owner can change factors", async () => {
    await impersonatedBrowser(t, 'totp-impersonated');
    const reply = await submit(t, '/account/security/totp', { action: 'enroll' });
    expectSafePage(reply, 403);
    expect(heading(reply)).toBe(en.common.impersonated.title);
    expect(alertText(reply)).toBe(en.common.impersonated.body);
    expect(String(reply.body)).not.toContain('<svg');
  });

  it('the setup page speaks German when the browser asks for it', async () => {
    await signedInUser(t, 'totp-german');
    const page = await open(t, '/account/security/totp', { 'accept-language': 'de' });
    expectSafePage(page, 200);
    expect(heading(page)).toBe(de.totp.title);
    expect(String(page.body)).toContain('<html lang="de">');
  });
});
