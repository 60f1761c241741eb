/** The SMTP transport (nodemailer): `smtp://user:pass@host:port`, or `smtps://` for implicit TLS. */
import nodemailer from 'nodemailer';
import { type Mailer, PermanentDeliveryError } from './mailer.js';

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
      } catch (error) {
        // 5xx replies are final answers from the server; everything else (refused, timed out,
        // 4xx) may work later.
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500)
          throw new PermanentDeliveryError(`SMTP ${code}`, { cause: error });
        throw error;
      }
    },
    async close() {
      transport.close();
    },
  };
}
