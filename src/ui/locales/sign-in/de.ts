/** The sign-in area's strings in German ("Sie" form). */
import type { SignInStrings } from './en.js';

const minutesDe = (n: number) => (n === 1 ? '1 Minute' : `${n} Minuten`);

export const de: SignInStrings = {
  signIn: {
    title: 'Anmelden',
    emailLabel: 'E-Mail-Adresse',
    loginLabel: 'E-Mail-Adresse oder Benutzername',
    passwordLabel: 'Passwort',
    submit: 'Anmelden',
    forgotPassword: 'Passwort vergessen?',
    noAccount: 'Neu hier?',
    signUp: 'Konto erstellen',
    otherWays: 'Andere Wege zur Anmeldung',
    passkey: 'Mit einem Passkey anmelden',
    passkeyCancelled:
      'Die Anmeldung mit dem Passkey wurde abgebrochen. Versuchen Sie es erneut oder melden Sie sich anders an.',
    passkeyFailed:
      'Die Anmeldung mit einem Passkey hat in diesem Browser nicht funktioniert. Bitte melden Sie sich anders an.',
    providers: 'Mit einem anderen Konto anmelden',
    withProvider: (provider) => `Weiter mit ${provider}`,
    byEmailTitle: 'Per E-Mail anmelden',
    byEmailIntro: 'Ganz ohne Passwort: Wir senden Ihnen einen Link oder einen Code.',
    byEmailLabel: 'E-Mail-Adresse',
    sendLink: 'Link senden',
    sendCode: 'Code senden',
    linkSent: {
      title: 'Sehen Sie in Ihr Postfach',
      body: 'Wenn sich diese Adresse hier anmelden kann, ist ein Anmeldelink unterwegs. Er funktioniert einmal und läuft bald ab.',
    },
    signedOut: 'Sie sind abgemeldet.',
    providerSecondStep:
      'Ihr Konto nutzt die Anmeldung in zwei Schritten. Fahren Sie fort, um sich zu bestätigen, oder melden Sie sich anders an.',
    providerContinue: 'Weiter',
    consoleTitle: 'Bei der Verwaltungskonsole anmelden',
    consoleIntro: 'Für die Betreiber dieses Dienstes. Melden Sie sich mit Ihrem eigenen Konto an.',
  },
  errors: {
    emailMissing: 'Geben Sie Ihre E-Mail-Adresse ein',
    loginMissing: 'Geben Sie Ihre E-Mail-Adresse oder Ihren Benutzernamen ein',
    passwordMissing: 'Geben Sie Ihr Passwort ein',
    emailInvalid: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein',
    usernameInvalid:
      'Geben Sie Ihren Benutzernamen ein: 3 bis 32 Buchstaben, Ziffern, Punkte, Binde- oder Unterstriche',
    invalidCredentials: 'Diese Anmeldedaten stimmen nicht. Prüfen Sie sie und versuchen Sie es erneut.',
    suspended: 'Dieses Konto ist gesperrt. Wenden Sie sich an den Support des Dienstes.',
    notVerified:
      'Bestätigen Sie zuerst Ihre E-Mail-Adresse: Öffnen Sie den Link, den wir Ihnen gesendet haben.',
    locked: (minutes) => `Zu viele Versuche. Versuchen Sie es in ${minutesDe(minutes)} erneut.`,
    methodNotAllowed: 'Diese Art der Anmeldung ist hier nicht verfügbar.',
    signUpClosed:
      'Hier können keine neuen Konten erstellt werden. Melden Sie sich mit einem bestehenden Konto an.',
    passkeyRejected:
      'Dieser Passkey wurde nicht akzeptiert. Versuchen Sie es erneut oder melden Sie sich anders an.',
    providerFailed:
      'Die Anmeldung bei diesem Anbieter hat nicht funktioniert. Versuchen Sie es erneut oder melden Sie sich anders an.',
    providerCancelled: 'Die Anmeldung bei diesem Anbieter wurde abgebrochen.',
    identityNotLinked:
      'Ein Konto nutzt diese E-Mail-Adresse bereits. Melden Sie sich dort anders an und verknüpfen Sie den Anbieter dann in Ihrem Konto.',
    notOperator:
      'Dieses Konto gehört keinem Betreiber dieses Dienstes und kann die Verwaltungskonsole daher nicht nutzen.',
    generic: 'Die Anmeldung hat nicht funktioniert. Versuchen Sie es erneut oder melden Sie sich anders an.',
  },
  mfa: {
    title: 'Bestätigen Sie, dass Sie es sind',
    intro:
      'Ihr Konto nutzt die Anmeldung in zwei Schritten. Schließen Sie die Anmeldung auf einem dieser Wege ab.',
    totpTitle: 'Authenticator-App',
    totpLabel: 'Code aus Ihrer Authenticator-App',
    totpHint: 'Die 6 Ziffern, die die App gerade anzeigt.',
    smsTitle: 'SMS',
    smsIntro: 'Wir senden einen Code per SMS an die Telefonnummer Ihres Kontos.',
    smsSend: 'Code per SMS senden',
    smsResend: 'Neuen Code per SMS senden',
    smsSent: 'Wir haben Ihnen einen Code per SMS gesendet. Er läuft in wenigen Minuten ab.',
    smsLabel: 'Code aus der SMS',
    recoveryTitle: 'Wiederherstellungscode',
    recoveryLabel: 'Einer Ihrer Wiederherstellungscodes',
    recoveryHint: 'Jeder Wiederherstellungscode funktioniert nur einmal.',
    passkeyTitle: 'Passkey',
    passkeyButton: 'Passkey verwenden',
    passkeyCancelled:
      'Der Schritt mit dem Passkey wurde abgebrochen. Versuchen Sie es erneut oder wählen Sie einen anderen Weg.',
    passkeyFailed: 'Ein Passkey hat in diesem Browser nicht funktioniert. Wählen Sie einen anderen Weg.',
    submit: 'Weiter',
    codeMissing: 'Geben Sie den Code ein',
    codeMalformed: 'Geben Sie den Code so ein, wie er angezeigt wird, nur Ziffern',
    wrongCode: 'Dieser Code stimmt nicht. Prüfen Sie ihn und versuchen Sie es erneut.',
    wrongRecoveryCode: 'Dieser Wiederherstellungscode stimmt nicht oder wurde schon verwendet.',
    passkeyRejected:
      'Dieser Passkey wurde nicht akzeptiert. Versuchen Sie es erneut oder wählen Sie einen anderen Weg.',
    locked: (minutes) => `Zu viele falsche Codes. Versuchen Sie es in ${minutesDe(minutes)} erneut.`,
    smsUnavailable:
      'Gerade kann kein Code per SMS gesendet werden. Warten Sie einen Moment oder wählen Sie einen anderen Weg.',
    methodUnavailable: 'Dieser Weg ist für diese Anmeldung nicht verfügbar. Wählen Sie einen anderen.',
    expired: {
      title: 'Diese Anmeldung ist abgelaufen',
      body: 'Der zweite Schritt muss wenige Minuten nach dem ersten folgen. Melden Sie sich erneut an.',
    },
    signInAgain: 'Erneut anmelden',
  },
  code: {
    title: 'Anmeldecode eingeben',
    intro: 'Geben Sie die Adresse ein, an die der Code ging, und den Code aus der E-Mail.',
    sentTo: (email) => `Wenn sich ${email} hier anmelden kann, haben wir einen Code dorthin gesendet.`,
    emailLabel: 'E-Mail-Adresse',
    codeLabel: 'Code',
    codeHint: 'Die 6 Ziffern aus der E-Mail.',
    submit: 'Anmelden',
    wrongCode:
      'Dieser Code stimmt nicht oder ist abgelaufen. Prüfen Sie ihn oder fordern Sie einen neuen an.',
    newCode: 'Neuen Code anfordern',
    disabled: {
      title: 'Die Anmeldung per E-Mail ist abgeschaltet',
      body: 'Dieser Dienst versendet keine Anmeldelinks oder -codes. Bitte melden Sie sich anders an.',
    },
  },
  signUp: {
    title: 'Konto erstellen',
    emailLabel: 'E-Mail-Adresse',
    emailHintWithUsername: 'Optional, wenn Sie einen Benutzernamen wählen.',
    usernameLabel: 'Benutzername (optional)',
    usernameHint: '3 bis 32 Zeichen: Buchstaben a–z, Ziffern, Punkte, Binde- und Unterstriche.',
    passwordLabel: 'Passwort',
    rulesTitle: 'Ihr Passwort braucht:',
    ruleMin: (length) => `mindestens ${length} Zeichen`,
    ruleMax: (length) => `höchstens ${length} Zeichen`,
    ruleCommon: 'kein verbreitetes Passwort und keines aus einem bekannten Datenleck',
    ruleMet: 'Erfüllt:',
    ruleUnmet: 'Noch nicht erfüllt:',
    submit: 'Konto erstellen',
    haveAccount: 'Sie haben schon ein Konto?',
    signIn: 'Anmelden',
    checkMail: {
      title: 'Sehen Sie in Ihr Postfach',
      body: 'Wir haben einen Link an diese Adresse gesendet. Öffnen Sie ihn, um die Adresse zu bestätigen und Ihr Konto fertig einzurichten.',
    },
    emailMissing: 'Geben Sie Ihre E-Mail-Adresse ein',
    emailInvalid: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein',
    usernameInvalid:
      'Ein Benutzername hat 3 bis 32 Zeichen: Buchstaben a–z, Ziffern, Punkte, Binde- und Unterstriche',
    usernameTaken: 'Dieser Benutzername ist vergeben. Wählen Sie einen anderen.',
    userExists:
      'Mit dieser E-Mail-Adresse kann kein Konto erstellt werden. Wenn es Ihre ist, melden Sie sich an oder setzen Sie Ihr Passwort zurück.',
    passwordTooShort: (length) => `Das Passwort braucht mindestens ${length} Zeichen`,
    passwordTooLong: (length) => `Das Passwort darf höchstens ${length} Zeichen haben`,
    passwordCommon: 'Dieses Passwort ist zu verbreitet. Wählen Sie ein anderes.',
    passwordBreached: 'Dieses Passwort ist in einem Datenleck aufgetaucht. Wählen Sie ein anderes.',
    closed: {
      title: 'Die Registrierung ist geschlossen',
      body: 'Hier können keine neuen Konten erstellt werden. Melden Sie sich mit einem bestehenden Konto an.',
    },
    rejected: 'Diese Registrierung wurde nicht angenommen.',
  },
  signOut: {
    title: 'Abmelden',
    intro: 'Von diesem Browser abmelden?',
    submit: 'Abmelden',
    cancel: 'Angemeldet bleiben',
  },
};
