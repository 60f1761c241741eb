/**
 * The console's invitations page of one app (`/console/apps/:id/invitations`), on SQLite and
 * PostgreSQL, with mail over real SMTP: inviting an address with a role sends the mail (its
 * link works with the accept-invitation page, and its token is never on a console page), errors
 * sit next to their fields, withdrawing goes through a confirmation step that works without
 * JavaScript, support reads but cannot post (403), a tenant admin invites to their own app and
 * gets a 404 for another (AZ-04), an operator cannot invite to a console role they do not hold,
 * and a post without the form's token is refused (CSRF-01).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../../src/core/operators.js';
import { signInCustomOperator, signInTenantAdmin } from '../../admin/apps-setup.js';
import { seedApp } from '../../support/apps.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { mailedLink, mailsTo, type SmtpReceiver } from '../../support/smtp.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, signInBrowser, submit } from '../pages.js';
import { expectConsoleEvent, operatorBrowser, problemMessage, redirected, statusMessage } from './console.js';

describe.each(storeKinds)('the console’s invitations page of an app (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const invitations = (appId: string) => `/console/apps/${appId}/invitations`;
  const open_ = async (appId: string) => t.gatehouse.listInvitations(appId);

  it('invites an address with a role: the mail’s link joins them through the accept page, the token never on the console', async () => {
    const app = await seedApp(t.store);
    await t.gatehouse.createRole(app.id, { name: 'billing' });
    const operator = await operatorBrowser(t);
    const email = uniqueEmail('invitee');
    const page = expectSafePage(await open(t, invitations(app.id)), 200);
    expect(page).toContain('There are no open invitations.');
    expect(page).toMatch(/<option value="member" selected>member<\/option>/);
    expect(page).toContain('<option value="billing">billing</option>');
    const sent = await submit(t, invitations(app.id), { action: 'invite', email, role: 'billing' });
    const [invitation] = await open_(app.id);
    expect(invitation).toMatchObject({ email, role: 'billing' });
    expect(sent.headers.get('location')).toBe(
      `${invitations(app.id)}?done=sent&invitation=${invitation!.id}`,
    );
    const after = expectSafePage(await redirected(t, sent), 200);
    expect(statusMessage(after)).toBe(`An invitation was sent to ${email}.`);
    expect(after).toContain(`<th scope="row">${email}</th>`);
    expect(after).toContain('<td><code>billing</code></td>');
    expect(after).toContain('Waiting for an answer');
    expect(await expectConsoleEvent(t, operator, 'invitation.created', invitation!.id)).toMatchObject({
      appId: app.id,
      role: 'billing',
    });

    const { url, token } = await mailedLink(smtp, email, 'accept-invitation');
    expect(after).not.toContain(token);
    expect(String((await open(t, invitations(app.id))).body)).not.toContain(token);

    clearBrowser(t);
    expectSafePage(await open(t, url), 200, token);
    const accepted = await submit(t, '/accept-invitation', { token, password: PASSWORD, name: 'Ada' });
    expect(accepted.status, String(accepted.body).slice(0, 300)).toBe(303);
    const { items } = await t.gatehouse.listMembers(app.id);
    expect(items.find((m) => m.roles.includes('billing'))).toBeDefined();
    expect(await open_(app.id)).toEqual([]);
  });

  it('shows what is wrong next to the field (400), and keeps what was typed', async () => {
    const app = await seedApp(t.store);
    await operatorBrowser(t);
    await open(t, invitations(app.id));
    const missing = await submit(t, invitations(app.id), { action: 'invite', email: '', role: 'member' });
    const missingBody = expectSafePage(missing, 400);
    expect(missingBody).toContain('<a href="#invite-email">Enter the address to invite.</a>');
    expect(missingBody).toContain('id="invite-email-error">Enter the address to invite.</span>');
    const bad = await submit(t, invitations(app.id), {
      action: 'invite',
      email: 'not-an-address',
      role: 'member',
    });
    const badBody = expectSafePage(bad, 400);
    expect(badBody).toContain('id="invite-email-error">Enter an email address like name@example.com.');
    expect(badBody).toContain('value="not-an-address"');
    const role = await submit(t, invitations(app.id), {
      action: 'invite',
      email: uniqueEmail(),
      role: 'nosuchrole',
    });
    expect(expectSafePage(role, 400)).toContain('id="invite-role-error">Choose one of the app’s roles.');
    expect(await open_(app.id)).toEqual([]);

    const disabled = await seedApp(t.store, { status: 'disabled' });
    await open(t, invitations(disabled.id));
    const inactive = await submit(t, invitations(disabled.id), {
      action: 'invite',
      email: uniqueEmail(),
      role: 'member',
    });
    expect(problemMessage(expectSafePage(inactive, 403))).toContain('This app is disabled');
  });

  it('withdraws an invitation only through its confirmation step, which works without JavaScript', async () => {
    const app = await seedApp(t.store);
    const email = uniqueEmail('withdrawn');
    const invitation = await t.gatehouse.createInvitation({ appId: app.id, email });
    const { token } = await mailedLink(smtp, email, 'accept-invitation');
    await operatorBrowser(t);
    const list = expectSafePage(await open(t, invitations(app.id)), 200);
    expect(list).toContain(`<form method="get" action="${invitations(app.id)}">`);
    expect(list).toContain(`<input type="hidden" name="revoke" value="${invitation.id}">`);
    const confirmPage = await open(t, `${invitations(app.id)}?revoke=${invitation.id}`);
    expect(heading(confirmPage)).toBe(`Withdraw the invitation for ${email}?`);
    expectSafePage(confirmPage, 200);
    expect(await open_(app.id)).toHaveLength(1);

    const unconfirmed = await submit(t, invitations(app.id), { action: 'revoke', invitation: invitation.id });
    expect(problemMessage(expectSafePage(unconfirmed, 400))).toContain('Nothing was done');
    expect(await open_(app.id)).toHaveLength(1);

    const revoked = await submit(t, invitations(app.id), {
      action: 'revoke',
      invitation: invitation.id,
      confirm: 'yes',
    });
    expect(statusMessage(expectSafePage(await redirected(t, revoked), 200))).toBe(
      'The invitation was withdrawn: its link no longer works.',
    );
    expect(await open_(app.id)).toEqual([]);
    const again = await submit(t, invitations(app.id), {
      action: 'revoke',
      invitation: invitation.id,
      confirm: 'yes',
    });
    expect(problemMessage(expectSafePage(again, 404))).toBe('That invitation is no longer open.');
    expectSafePage(await open(t, `${invitations(app.id)}?revoke=${invitation.id}`), 404);

    clearBrowser(t);
    const accepted = await submit(t, '/accept-invitation', { token, password: PASSWORD, name: '' });
    expect(accepted.status).not.toBe(303);
    expectSafePage(accepted, accepted.status);
  });

  it('support reads the invitations but gets no form, and posting is 403', async () => {
    const app = await seedApp(t.store);
    const email = uniqueEmail('seen');
    const invitation = await t.gatehouse.createInvitation({ appId: app.id, email });
    await operatorBrowser(t, 'support');
    const list = expectSafePage(await open(t, invitations(app.id)), 200);
    expect(list).toContain(email);
    expect(list).not.toContain('action="/console/apps');
    expect(
      expectSafePage(await open(t, `${invitations(app.id)}?revoke=${invitation.id}`), 200),
    ).not.toContain('name="confirm"');
    for (const fields of [
      { action: 'invite', email: uniqueEmail(), role: 'member' },
      { action: 'revoke', invitation: invitation.id, confirm: 'yes' },
    ] as Record<string, string>[]) {
      const refused = await submit(t, invitations(app.id), fields);
      expect(heading(refused)).toBe('Your role does not allow this');
      expectSafePage(refused, 403);
    }
    expect(await open_(app.id)).toHaveLength(1);
  });

  it('AZ-04: a tenant admin invites to their own app; another app and the console app are 404', async () => {
    const app = await seedApp(t.store);
    const other = await seedApp(t.store);
    const admin = await signInTenantAdmin(t, app.id);
    clearBrowser(t);
    signInBrowser(t, { accessToken: admin.accessToken });
    await open(t, invitations(app.id));
    const sent = await submit(t, invitations(app.id), {
      action: 'invite',
      email: uniqueEmail(),
      role: 'member',
    });
    expect(sent.status).toBe(303);
    expect(await open_(app.id)).toHaveLength(1);
    for (const appId of [other.id, CONSOLE_APP_ID]) {
      const away = await open(t, invitations(appId));
      expect(heading(away)).toBe('No such app');
      expectSafePage(away, 404);
      expectSafePage(
        await submit(t, invitations(appId), { action: 'invite', email: uniqueEmail(), role: 'admin' }),
        404,
      );
    }
    expect(await open_(other.id)).toEqual([]);
  });

  it('an operator cannot invite to a console role whose permissions they do not hold (403, next to the role)', async () => {
    clearBrowser(t);
    const inviter = await signInCustomOperator(t, 'inviter', ['apps:read', 'apps:write']);
    signInBrowser(t, { accessToken: inviter.accessToken });
    await open(t, invitations(CONSOLE_APP_ID));
    const before = (await open_(CONSOLE_APP_ID)).length;
    const refused = await submit(t, invitations(CONSOLE_APP_ID), {
      action: 'invite',
      email: uniqueEmail(),
      role: 'admin',
    });
    expect(expectSafePage(refused, 403)).toContain(
      'id="invite-role-error">You can invite operators only to a role whose permissions you hold yourself.',
    );
    expect(await open_(CONSOLE_APP_ID)).toHaveLength(before);
  });

  it('CSRF-01: a post without the form’s token is refused (403) and sends nothing', async () => {
    const app = await seedApp(t.store);
    await operatorBrowser(t);
    await open(t, invitations(app.id));
    const email = uniqueEmail('forged');
    const refused = await submit(t, invitations(app.id), {
      action: 'invite',
      email,
      role: 'member',
      csrf: '',
    });
    expect(heading(refused)).toBe('This form has expired');
    expectSafePage(refused, 403);
    expect(await open_(app.id)).toEqual([]);
    expect(mailsTo(smtp, email)).toEqual([]);
  });
});
