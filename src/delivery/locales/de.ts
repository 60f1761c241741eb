/**
 * German strings for every mail: the same templates, parts and placeholders as `en.ts` (the
 * types make a missing one fail the build). Formal address ("Sie"), in the plain tone of the
 * English ones.
 */
import type { MailPhrases, MailTexts } from './en.js';

export const de: MailTexts = {
  'verify-email': {
    subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
    heading: 'Bestätigen Sie Ihre E-Mail-Adresse',
    body: 'Jemand (hoffentlich Sie) hat ein Konto für {email} angelegt. Bestätigen Sie die Adresse, um die Registrierung abzuschließen.',
    action: 'E-Mail-Adresse bestätigen',
    footer:
      'Wenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail einfach: Ohne den Link passiert nichts.',
  },
  'reset-password': {
    subject: 'Passwort zurücksetzen',
    heading: 'Setzen Sie Ihr Passwort zurück',
    body: 'Jemand hat angefordert, das Passwort des Kontos für {email} zurückzusetzen. Der Link ist eine Stunde lang gültig und funktioniert nur einmal.',
    action: 'Neues Passwort wählen',
    footer:
      'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail einfach: Ihr Passwort bleibt, wie es ist.',
  },
  'set-password': {
    subject: 'Ihr Konto ist bereit: Wählen Sie ein Passwort',
    heading: 'Wählen Sie Ihr Passwort',
    body: 'Ein Administrator hat ein Konto für {email} angelegt. Wählen Sie ein Passwort, um es zu nutzen. Der Link ist drei Tage lang gültig und funktioniert nur einmal.',
    action: 'Passwort wählen',
    footer:
      'Wenn Sie mit diesem Konto nicht gerechnet haben, ignorieren Sie diese E-Mail einfach: Solange kein Passwort gewählt ist, kann sich niemand damit anmelden.',
  },
  'confirm-email-change': {
    subject: 'Bestätigen Sie Ihre neue E-Mail-Adresse',
    heading: 'Bestätigen Sie Ihre neue E-Mail-Adresse',
    body: 'Jemand (hoffentlich Sie) möchte das Konto für {oldEmail} auf diese Adresse umstellen: {email}. Die Adresse ändert sich erst, wenn Sie dem Link folgen.',
    action: 'Neue Adresse bestätigen',
    footer:
      'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail einfach: Ohne den Link ändert sich nichts.',
  },
  'email-change-requested': {
    subject: 'Ihre E-Mail-Adresse wird gleich geändert',
    heading: 'Ihre E-Mail-Adresse wird gleich geändert',
    body: 'Jemand möchte das Konto für {email} auf {newEmail} umstellen. Die Änderung gilt, sobald jemand dem Link folgt, der an die neue Adresse geschickt wurde.',
    action: 'Das war ich nicht: Änderung abbrechen',
    footer: 'Wenn Sie das waren, müssen Sie hier nichts tun.',
  },
  'email-change-address-taken': {
    subject: 'Jemand wollte ein Konto auf Ihre Adresse umstellen',
    heading: 'Zu dieser Adresse gibt es bereits ein Konto',
    body: 'Jemand (hoffentlich Sie) wollte am {time} (UTC) ein anderes Konto auf {email} umstellen, aber zu dieser Adresse gehört hier schon ein Konto. Es wurde nichts geändert.',
    action: 'Passwort vergessen? Jetzt zurücksetzen',
    footer: 'Wenn Sie das nicht waren, müssen Sie nichts tun: Ihr Konto ist unverändert.',
  },
  'email-changed': {
    subject: 'Ihre E-Mail-Adresse wurde geändert',
    heading: 'Ihre E-Mail-Adresse wurde geändert',
    body: 'Das Konto, das bisher {email} verwendet hat, verwendet jetzt {newEmail}. Seine anderen Sitzungen wurden abgemeldet.',
    action: 'Das war ich nicht: Änderung rückgängig machen',
    footer:
      'Der Link zum Rückgängigmachen ist 7 Tage lang gültig. Er stellt das Konto wieder auf {email} um und meldet alle Sitzungen ab.',
  },
  'password-changed': {
    subject: 'Ihr Passwort wurde geändert',
    heading: 'Ihr Passwort wurde geändert',
    body: 'Das Passwort des Kontos für {email} wurde am {time} (UTC) geändert.',
    action: 'Das war ich nicht: Passwort zurücksetzen',
    footer: 'Wenn Sie das waren, müssen Sie nichts tun.',
  },
  'new-sign-in': {
    subject: 'Neue Anmeldung bei Ihrem Konto',
    heading: 'Neue Anmeldung mit {device}',
    body: 'Beim Konto für {email} hat sich jemand am {time} (UTC) mit {device} (IP-Adresse {ip}) angemeldet.',
    action: 'Das war ich nicht: Passwort zurücksetzen',
    footer:
      'Wenn Sie das waren, müssen Sie nichts tun. In Ihren Kontoeinstellungen sehen Sie Ihre Sitzungen und können sie beenden.',
  },
  'sign-up-attempt': {
    subject: 'Jemand wollte sich mit Ihrer Adresse registrieren',
    heading: 'Sie haben bereits ein Konto',
    body: 'Jemand (hoffentlich Sie) wollte am {time} (UTC) ein Konto für {email} anlegen, aber zu dieser Adresse gibt es schon eines. Es wurde nichts geändert.',
    action: 'Passwort vergessen? Jetzt zurücksetzen',
    footer: 'Wenn Sie das nicht waren, müssen Sie nichts tun: Ihr Konto ist unverändert.',
  },
  'username-unavailable': {
    subject: 'Ihre Registrierung hat nicht geklappt',
    heading: 'Dieser Benutzername ist nicht verfügbar',
    body: 'Jemand (hoffentlich Sie) wollte am {time} (UTC) ein Konto mit einem Benutzernamen und dieser Adresse, {email}, anlegen, aber der Benutzername ist vergeben oder reserviert. Es wurde kein Konto angelegt.',
    footer:
      'Registrieren Sie sich einfach noch einmal mit einem anderen Benutzernamen. Wenn Sie das nicht waren, müssen Sie nichts tun.',
  },
  'account-deleted': {
    subject: 'Ihr Konto wurde gelöscht',
    heading: 'Ihr Konto wurde gelöscht',
    body: 'Das Konto für {email} wurde am {time} (UTC) gelöscht. {restoreNote}',
    footer: 'Wenn Sie das nicht waren, melden Sie sich bitte so bald wie möglich bei uns.',
  },
  'mfa-factor-added': {
    subject: 'Ihrem Konto wurde eine Anmeldemethode hinzugefügt',
    heading: 'Eine Anmeldemethode wurde hinzugefügt',
    body: '{factor} wurde am {time} (UTC) zum Konto für {email} hinzugefügt.',
    action: 'Das war ich nicht: Passwort zurücksetzen',
    footer: 'Wenn Sie das waren, müssen Sie nichts tun.',
  },
  'mfa-factor-removed': {
    subject: 'Von Ihrem Konto wurde eine Anmeldemethode entfernt',
    heading: 'Eine Anmeldemethode wurde entfernt',
    body: '{factor} wurde am {time} (UTC) vom Konto für {email} entfernt.',
    action: 'Das war ich nicht: Passwort zurücksetzen',
    footer: 'Wenn Sie das waren, müssen Sie nichts tun.',
  },
  'mfa-reset': {
    subject: 'Ihre Zwei-Faktor-Anmeldung wurde zurückgesetzt',
    heading: 'Ihre Zwei-Faktor-Anmeldung wurde zurückgesetzt',
    body: 'Ein Administrator hat am {time} (UTC) alle zweiten Faktoren (Authenticator-App, Passkeys, Telefonnummer, Wiederherstellungscodes) vom Konto für {email} entfernt und alle Sitzungen abgemeldet.',
    footer:
      'Melden Sie sich mit Ihrem Passwort an und richten Sie erneut einen zweiten Faktor ein. Wenn Sie das nicht veranlasst haben, melden Sie sich bei uns.',
  },
  'recovery-codes-low': {
    subject: 'Ihre Wiederherstellungscodes gehen zur Neige',
    heading: 'Nur noch {remaining} Wiederherstellungscodes übrig',
    body: 'Am {time} (UTC) wurde ein Wiederherstellungscode des Kontos für {email} verwendet; {remaining} unbenutzte Codes sind noch übrig. Erstellen Sie in Ihren Kontoeinstellungen einen neuen Satz, bevor sie aufgebraucht sind.',
    footer:
      'Wenn Sie keinen Wiederherstellungscode verwendet haben, hat womöglich jemand anderes Ihre Codes: Erstellen Sie einen neuen Satz und ändern Sie Ihr Passwort.',
  },
  'magic-link': {
    subject: 'Ihr Anmeldelink',
    heading: 'Bei {appName} anmelden',
    body: 'Jemand (hoffentlich Sie) möchte sich als {email} anmelden. Der Link ist {minutes} Minuten lang gültig und funktioniert nur einmal.',
    action: 'Anmelden',
    footer:
      'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail einfach: Ohne den Link kann sich niemand anmelden.',
  },
  'email-code': {
    subject: 'Ihr Anmeldecode',
    heading: 'Ihr Anmeldecode lautet {code}',
    body: 'Jemand (hoffentlich Sie) möchte sich als {email} anmelden. Geben Sie {code} dort ein, wo Sie den Code angefordert haben. Er ist {minutes} Minuten lang gültig und funktioniert nur einmal.',
    footer:
      'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail und geben Sie den Code niemandem weiter: Ohne ihn kann sich niemand anmelden.',
  },
  invitation: {
    subject: 'Sie sind zu {invitedApp} eingeladen',
    heading: 'Treten Sie {invitedApp} bei',
    body: 'Sie sind eingeladen, {invitedApp} als {role} beizutreten, mit dieser Adresse: {email}. Der Link ist {validFor} lang gültig und funktioniert nur einmal.',
    action: 'Einladung annehmen',
    footer:
      'Wenn Sie nicht wissen, worum es geht, ignorieren Sie diese E-Mail einfach: Ohne den Link passiert nichts.',
  },
  'impersonation-started': {
    subject: 'Ein Administrator ist in Ihrem Konto angemeldet',
    heading: 'Ein Administrator ist in Ihrem Konto angemeldet',
    body: 'Am {time} (UTC) hat ein Administrator eine Sitzung im Konto für {email} begonnen, die spätestens am {until} (UTC) endet. Angegebener Grund: {reason}',
    footer:
      'Alles, was in dieser Sitzung geschieht, wird protokolliert, und sie kann weder Ihr Passwort noch Ihre Adresse oder Ihre Anmeldemethoden ändern. Wenn Sie damit nicht gerechnet haben, melden Sie sich bei uns.',
  },
};

export const dePhrases: MailPhrases = {
  factor: {
    totp: 'Eine Authenticator-App',
    passkey: 'Ein Passkey',
    sms: 'Eine Telefonnummer für SMS-Codes',
    recovery_code: 'Ein neuer Satz Wiederherstellungscodes',
  },
  restoreNote: {
    restorable:
      'Wenn Sie sich bei uns melden, kann es bis {restoreUntil} (UTC) wiederhergestellt werden; danach wird alles gelöscht, was es enthält.',
    erased: 'Alles, was es enthielt, wurde gelöscht.',
  },
  validFor: {
    days: '{validCount} Tage',
    hours: '{validCount} Stunden',
    minutes: '{validCount} Minuten',
  },
  ip: { unknown: 'unbekannt' },
};
