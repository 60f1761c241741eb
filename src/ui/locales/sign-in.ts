/**
 * The sign-in area's strings (`/sign-in…`, `/sign-up`, `/sign-out`), English and German: the
 * sign-in page with its other ways in, the second step, the emailed code, sign-up with its
 * password rules, and signing out. Strings that take values are functions, so each language
 * places them where its grammar needs. Text only — the templates escape it.
 */
import type { Locale } from '../../core/locale.js';
import type { PageView } from '../../http/route.js';

/** A page's message in two parts: what happened, and what to do now. */
export interface SignInMessage {
  readonly title: string;
  readonly body: string;
}

export interface SignInStrings {
  readonly signIn: {
    readonly title: string;
    readonly emailLabel: string;
    /** The login field's label when accounts may also sign in with a username. */
    readonly loginLabel: string;
    readonly passwordLabel: string;
    readonly submit: string;
    readonly forgotPassword: string;
    readonly noAccount: string;
    readonly signUp: string;
    readonly otherWays: string;
    readonly passkey: string;
    readonly passkeyCancelled: string;
    readonly passkeyFailed: string;
    /** The list of providers' links (its accessible name). */
    readonly providers: string;
    readonly withProvider: (provider: string) => string;
    readonly byEmailTitle: string;
    readonly byEmailIntro: string;
    readonly byEmailLabel: string;
    readonly sendLink: string;
    readonly sendCode: string;
    readonly linkSent: SignInMessage;
    readonly signedOut: string;
    /** A provider sign-in that needs a second step, which only the script can fetch. */
    readonly providerSecondStep: string;
    readonly providerContinue: string;
  };
  /** Why a sign-in was refused, in words for the person (never the operation's English). */
  readonly errors: {
    readonly emailMissing: string;
    readonly loginMissing: string;
    readonly passwordMissing: string;
    readonly emailInvalid: string;
    readonly usernameInvalid: string;
    readonly invalidCredentials: string;
    readonly suspended: string;
    readonly notVerified: string;
    readonly locked: (minutes: number) => string;
    readonly methodNotAllowed: string;
    readonly signUpClosed: string;
    readonly passkeyRejected: string;
    readonly providerFailed: string;
    readonly providerCancelled: string;
    readonly identityNotLinked: string;
    readonly generic: string;
  };
  readonly mfa: {
    readonly title: string;
    readonly intro: string;
    readonly totpTitle: string;
    readonly totpLabel: string;
    readonly totpHint: string;
    readonly smsTitle: string;
    readonly smsIntro: string;
    readonly smsSend: string;
    readonly smsResend: string;
    readonly smsSent: string;
    readonly smsLabel: string;
    readonly recoveryTitle: string;
    readonly recoveryLabel: string;
    readonly recoveryHint: string;
    readonly passkeyTitle: string;
    readonly passkeyButton: string;
    readonly passkeyCancelled: string;
    readonly passkeyFailed: string;
    readonly submit: string;
    readonly codeMissing: string;
    readonly codeMalformed: string;
    readonly wrongCode: string;
    readonly wrongRecoveryCode: string;
    readonly passkeyRejected: string;
    readonly locked: (minutes: number) => string;
    readonly smsUnavailable: string;
    readonly methodUnavailable: string;
    readonly expired: SignInMessage;
    readonly signInAgain: string;
  };
  readonly code: {
    readonly title: string;
    readonly intro: string;
    readonly sentTo: (email: string) => string;
    readonly emailLabel: string;
    readonly codeLabel: string;
    readonly codeHint: string;
    readonly submit: string;
    readonly wrongCode: string;
    readonly newCode: string;
    readonly disabled: SignInMessage;
  };
  readonly signUp: {
    readonly title: string;
    readonly emailLabel: string;
    readonly emailHintWithUsername: string;
    readonly usernameLabel: string;
    readonly usernameHint: string;
    readonly passwordLabel: string;
    readonly rulesTitle: string;
    readonly ruleMin: (length: number) => string;
    readonly ruleMax: (length: number) => string;
    readonly ruleCommon: string;
    /** Read before a rule by screen readers once the script marks it. */
    readonly ruleMet: string;
    readonly ruleUnmet: string;
    readonly submit: string;
    readonly haveAccount: string;
    readonly signIn: string;
    readonly checkMail: SignInMessage;
    readonly emailMissing: string;
    readonly emailInvalid: string;
    readonly usernameInvalid: string;
    readonly usernameTaken: string;
    readonly userExists: string;
    readonly passwordTooShort: (length: number) => string;
    readonly passwordTooLong: (length: number) => string;
    readonly passwordCommon: string;
    readonly passwordBreached: string;
    readonly closed: SignInMessage;
    readonly rejected: string;
  };
  readonly signOut: {
    readonly title: string;
    readonly intro: string;
    readonly submit: string;
    readonly cancel: string;
  };
}

const minutesEn = (n: number) => (n === 1 ? '1 minute' : `${n} minutes`);
const minutesDe = (n: number) => (n === 1 ? '1 Minute' : `${n} Minuten`);

const en: SignInStrings = {
  signIn: {
    title: 'Sign in',
    emailLabel: 'Email address',
    loginLabel: 'Email address or username',
    passwordLabel: 'Password',
    submit: 'Sign in',
    forgotPassword: 'Forgot your password?',
    noAccount: 'New here?',
    signUp: 'Create an account',
    otherWays: 'Other ways to sign in',
    passkey: 'Sign in with a passkey',
    passkeyCancelled: 'The passkey sign-in was cancelled. Try again, or sign in another way.',
    passkeyFailed: 'Signing in with a passkey did not work in this browser. Sign in another way.',
    providers: 'Sign in with another account',
    withProvider: (provider) => `Continue with ${provider}`,
    byEmailTitle: 'Sign in by email',
    byEmailIntro: 'No password needed: we email you a link or a code.',
    byEmailLabel: 'Email address',
    sendLink: 'Email me a link',
    sendCode: 'Email me a code',
    linkSent: {
      title: 'Check your email',
      body: 'If this address can sign in here, a sign-in link is on its way. It works once and expires soon.',
    },
    signedOut: 'You are signed out.',
    providerSecondStep:
      'Your account has two-step sign-in. Continue to confirm it is you, or sign in another way.',
    providerContinue: 'Continue',
  },
  errors: {
    emailMissing: 'Enter your email address',
    loginMissing: 'Enter your email address or username',
    passwordMissing: 'Enter your password',
    emailInvalid: 'Enter an email address like name@example.com',
    usernameInvalid: 'Enter your username: 3 to 32 letters, digits, dots, dashes or underscores',
    invalidCredentials: 'These sign-in details are not right. Check them and try again.',
    suspended: 'This account is suspended. Contact the service’s support.',
    notVerified: 'Confirm your email address first: open the link we emailed you.',
    locked: (minutes) => `Too many attempts. Try again in ${minutesEn(minutes)}.`,
    methodNotAllowed: 'This way of signing in is not available here.',
    signUpClosed: 'New accounts cannot be created here. Sign in with an existing account.',
    passkeyRejected: 'That passkey was not accepted. Try again, or sign in another way.',
    providerFailed: 'Signing in with that provider did not work. Try again, or sign in another way.',
    providerCancelled: 'Signing in with that provider was cancelled.',
    identityNotLinked:
      'An account already uses this email address. Sign in to it another way, then link the provider from your account.',
    generic: 'Signing in did not work. Try again, or sign in another way.',
  },
  mfa: {
    title: 'Confirm it’s you',
    intro: 'Your account has two-step sign-in. Finish signing in with one of these.',
    totpTitle: 'Authenticator app',
    totpLabel: 'Code from your authenticator app',
    totpHint: 'The 6 digits the app shows now.',
    smsTitle: 'Text message',
    smsIntro: 'We text a code to the phone number on your account.',
    smsSend: 'Text me a code',
    smsResend: 'Text me a new code',
    smsSent: 'We texted you a code. It expires in a few minutes.',
    smsLabel: 'Code from the text message',
    recoveryTitle: 'Recovery code',
    recoveryLabel: 'One of your recovery codes',
    recoveryHint: 'Each recovery code works once.',
    passkeyTitle: 'Passkey',
    passkeyButton: 'Use a passkey',
    passkeyCancelled: 'The passkey step was cancelled. Try again, or use another way.',
    passkeyFailed: 'A passkey did not work in this browser. Use another way.',
    submit: 'Continue',
    codeMissing: 'Enter the code',
    codeMalformed: 'Enter the code as it is shown, digits only',
    wrongCode: 'That code is not right. Check it and try again.',
    wrongRecoveryCode: 'That recovery code is not right, or it was used already.',
    passkeyRejected: 'That passkey was not accepted. Try again, or use another way.',
    locked: (minutes) => `Too many wrong codes. Try again in ${minutesEn(minutes)}.`,
    smsUnavailable: 'A code cannot be texted right now. Wait a moment, or use another way.',
    methodUnavailable: 'That way is not available for this sign-in. Use another.',
    expired: {
      title: 'This sign-in has expired',
      body: 'The second step must follow the first within a few minutes. Sign in again.',
    },
    signInAgain: 'Sign in again',
  },
  code: {
    title: 'Enter your sign-in code',
    intro: 'Enter the address the code was sent to and the code from the email.',
    sentTo: (email) => `If ${email} can sign in here, we emailed a code to it.`,
    emailLabel: 'Email address',
    codeLabel: 'Code',
    codeHint: 'The 6 digits from the email.',
    submit: 'Sign in',
    wrongCode: 'That code is not right or has expired. Check it, or ask for a new one.',
    newCode: 'Ask for a new code',
    disabled: {
      title: 'Sign-in by email is switched off',
      body: 'This service does not send sign-in links or codes. Sign in another way.',
    },
  },
  signUp: {
    title: 'Create an account',
    emailLabel: 'Email address',
    emailHintWithUsername: 'Optional when you choose a username.',
    usernameLabel: 'Username (optional)',
    usernameHint: '3 to 32 characters: letters a–z, digits, dots, dashes and underscores.',
    passwordLabel: 'Password',
    rulesTitle: 'Your password needs:',
    ruleMin: (length) => `at least ${length} characters`,
    ruleMax: (length) => `at most ${length} characters`,
    ruleCommon: 'not to be a common password, nor one known from a data breach',
    ruleMet: 'Done:',
    ruleUnmet: 'Not yet:',
    submit: 'Create account',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
    checkMail: {
      title: 'Check your email',
      body: 'We sent a link to that address. Open it to confirm the address and finish creating your account.',
    },
    emailMissing: 'Enter your email address',
    emailInvalid: 'Enter an email address like name@example.com',
    usernameInvalid: 'A username has 3 to 32 characters: letters a–z, digits, dots, dashes and underscores',
    usernameTaken: 'This username is taken. Choose another.',
    userExists:
      'An account cannot be created with this email address. If it is yours, sign in or reset your password.',
    passwordTooShort: (length) => `The password needs at least ${length} characters`,
    passwordTooLong: (length) => `The password can have at most ${length} characters`,
    passwordCommon: 'This password is too common. Choose another.',
    passwordBreached: 'This password has appeared in a data breach. Choose another.',
    closed: {
      title: 'Sign-up is closed',
      body: 'New accounts cannot be created here. Sign in with an existing account.',
    },
    rejected: 'This sign-up was not accepted.',
  },
  signOut: {
    title: 'Sign out',
    intro: 'Sign out of this browser?',
    submit: 'Sign out',
    cancel: 'Stay signed in',
  },
};

const de: SignInStrings = {
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

export const signInStrings: Readonly<Record<Locale, SignInStrings>> = { en, de };

/** The sign-in area's strings in the page's language. */
export function signInStringsFor(view: Pick<PageView, 'locale'>): SignInStrings {
  return signInStrings[view.locale];
}
