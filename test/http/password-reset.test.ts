/**
 * Forgotten password over HTTP with mail really delivered over SMTP, on SQLite and PostgreSQL:
 * one answer for every address, mail only to real accounts, and a weak choice that does not
 * spend the link. The RST-* checklist items are in test/security/reset.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouseWithSmtp, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { mailedLink, type SmtpReceiver } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';

const NEW = 'my brand new passphrase 31';

describe.each(everyStoreKind)('password reset (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const resetLink = async (email: string, count = 1) =>
    (await mailedLink(smtp, email, 'reset-password', count)).url;
  const forgot = (email: unknown) => t.request('POST', '/auth/forgot-password', { body: { email } });
  const reset = (token: string, password = NEW) =>
    t.request('POST', '/auth/reset-password', { body: { token, password } });

  it('answers a known and an unknown address identically, and mails only the known one', async () => {
    const email = uniqueEmail('known');
    await t.signUp(email);
    const known = await forgot(email);
    const unknown = await forgot(uniqueEmail('unknown'));
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    await resetLink(email);
  });

  it('refuses weak passwords without spending the link, and tokens of another purpose', async () => {
    const email = uniqueEmail('weak');
    await t.signUp(email);
    await forgot(email);
    const token = (await resetLink(email)).searchParams.get('token')!;
    expect((await reset(token, 'password1')).body.error.code).toBe('WEAK_PASSWORD');
    expect((await reset(token)).status).toBe(200);
    expect((await reset('x'.repeat(43))).body.error.code).toBe('LINK_INVALID');
  });
});
