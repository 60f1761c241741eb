/**
 * The impersonation notice, over real SMTP on SQLite and PostgreSQL: with
 * `admin.notifyImpersonatedUser` on, the user is mailed the time, the end and the operator's
 * reason (never a token); off (the default), nothing is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/delivery/locales/en.js';
import { mailTime } from '../../src/services/notices/notices.js';
import type { TestGatehouse } from '../support/gatehouse.js';
import { openGatehouseWithSmtp } from '../support/gatehouse.js';
import { signInOperator } from '../support/operators.js';
import { mailsTo, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';

const SUBJECT = en['impersonation-started'].subject;

describe.each(storeKinds)('impersonation notice (%s)', (kind) => {
  describe('admin.notifyImpersonatedUser on', () => {
    let t: TestGatehouse;
    let smtp: SmtpReceiver;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ t, smtp, close } = await openGatehouseWithSmtp(kind, { admin: { notifyImpersonatedUser: true } }));
    });
    afterAll(() => close());

    it('mails the user when, until when and why — and no token', async () => {
      const operator = await signInOperator(t);
      const user = await t.signUp();
      const started = t.clock.now();
      const reply = await t.request('POST', `/auth/admin/users/${user.user.id}/impersonate`, {
        token: operator.accessToken,
        body: { reason: 'Ticket 4711 <script>: invoices missing' },
      });
      expect(reply.status).toBe(201);
      const mail = await waitForMail(smtp, user.user.email, /administrator started a session/);
      expect(mail.subject).toBe(SUBJECT);
      expect(mail.text).toContain(`On ${mailTime(started)} (UTC)`);
      expect(mail.text).toContain(`until ${mailTime(started + 900_000)} (UTC)`);
      expect(mail.text).toContain('Ticket 4711 <script>: invoices missing');
      expect(mail.html).toContain('Ticket 4711 &lt;script&gt;: invoices missing');
      const everything = `${mail.subject}\n${mail.text}\n${mail.html}`;
      expect(everything).not.toContain(reply.body.accessToken);
      expect(everything).not.toContain(reply.body.accessToken.split('.')[2]);
      expect(everything).not.toContain(operator.email);
      expect(mailsTo(smtp, user.user.email).filter((m) => m.subject === SUBJECT)).toHaveLength(1);
    });
  });

  describe('admin.notifyImpersonatedUser off (the default)', () => {
    let t: TestGatehouse;
    let smtp: SmtpReceiver;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
    });
    afterAll(() => close());

    it('sends nothing', async () => {
      const operator = await signInOperator(t);
      const user = await t.signUp();
      const reply = await t.request('POST', `/auth/admin/users/${user.user.id}/impersonate`, {
        token: operator.accessToken,
        body: { reason: 'quiet look' },
      });
      expect(reply.status).toBe(201);
      // Let everything queued so far be handed over, then send a mail that must come after any
      // notice; once it is in, a notice would be too.
      await t.gatehouse.settled();
      await t.gatehouse.requestPasswordReset(user.user.email);
      await t.gatehouse.settled();
      await waitForMail(smtp, user.user.email, /reset/i);
      expect(mailsTo(smtp, user.user.email).map((m) => m.subject)).not.toContain(SUBJECT);
    });
  });
});
