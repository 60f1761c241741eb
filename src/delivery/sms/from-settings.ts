/** The SMS sender the settings ask for: console (default), Twilio, or AWS SNS (loaded lazily). */
import type { ResolvedSettings } from '../../core/config.js';
import { consoleSms } from './console-sms.js';
import type { SmsSender } from './sms-sender.js';
import { snsSms } from './sns-sms.js';
import { twilioSms } from './twilio-sms.js';

/** Throws at once on a transport left half-configured, so a server never starts unable to text. */
export function smsSenderFromSettings(settings: ResolvedSettings): SmsSender {
  const { transport, twilio, sns } = settings.sms;
  switch (transport ?? 'console') {
    case 'twilio':
      if (!twilio.accountSid || !twilio.authToken)
        throw new Error(
          'sms.transport "twilio" needs sms.twilio.accountSid and sms.twilio.authToken (GATEHOUSE_SMS_TWILIO_ACCOUNT_SID, GATEHOUSE_SMS_TWILIO_AUTH_TOKEN)',
        );
      if (!twilio.from && !twilio.messagingServiceSid)
        throw new Error(
          'sms.transport "twilio" needs sms.twilio.from or sms.twilio.messagingServiceSid (GATEHOUSE_SMS_TWILIO_FROM, GATEHOUSE_SMS_TWILIO_MESSAGING_SERVICE_SID)',
        );
      return twilioSms({ ...twilio, accountSid: twilio.accountSid, authToken: twilio.authToken });
    case 'sns':
      return snsSms(sns);
    case 'console':
      return consoleSms();
  }
}
