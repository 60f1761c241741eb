/** The mailer the settings ask for: console (default), SMTP (`smtpUrl`) or AWS SESv2 (loaded lazily). */
import type { ResolvedSettings } from '../core/config.js';
import { consoleMailer } from './console-mailer.js';
import type { Mailer } from './mailer.js';
import { sesMailer } from './ses-mailer.js';
import { smtpMailer } from './smtp-mailer.js';

export function mailerFromSettings(settings: ResolvedSettings): Mailer {
  const transport = settings.mailTransport ?? (settings.smtpUrl ? 'smtp' : 'console');
  switch (transport) {
    case 'smtp':
      if (!settings.smtpUrl) throw new Error('mailTransport "smtp" needs smtpUrl (GATEHOUSE_SMTP_URL)');
      return smtpMailer(settings.smtpUrl, settings.mailFrom);
    case 'ses':
      return sesMailer({ ...settings.ses, from: settings.mailFrom });
    case 'console':
      return consoleMailer();
  }
}
