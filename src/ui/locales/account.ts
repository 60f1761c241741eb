/**
 * The account pages' strings (`/account…`), English and German: profile, password, email,
 * sessions, apps, data export and deletion, reauthentication, and the account navigation.
 * Strings that take values are functions, so each language places them where its grammar needs.
 */
import type { Locale } from '../../core/locale.js';
import type { PageView } from '../../http/route.js';

/** A page's message in two parts: what happened, and what it means. */
export interface AccountMessage {
  readonly title: string;
  readonly body: string;
}

export interface AccountStrings {
  readonly nav: {
    /** The navigation landmark's name. */
    readonly label: string;
    readonly profile: string;
    readonly password: string;
    readonly email: string;
    readonly sessions: string;
    readonly security: string;
    readonly identities: string;
    readonly tokens: string;
    readonly apps: string;
    readonly data: string;
  };
  /** An operator's session as the user (impersonation): the change is the user's alone. */
  readonly impersonated: AccountMessage;
  readonly profile: {
    readonly title: string;
    readonly signedInAs: (who: string) => string;
    readonly changeEmail: string;
    readonly nameLabel: string;
    readonly displayNameLabel: string;
    readonly displayNameHint: string;
    readonly imageUrlLabel: string;
    readonly imageUrlHint: string;
    readonly phoneLabel: string;
    readonly phoneHint: string;
    readonly dateOfBirthLabel: string;
    readonly dateOfBirthHint: string;
    readonly addressLegend: string;
    readonly streetLabel: string;
    readonly postalCodeLabel: string;
    readonly cityLabel: string;
    readonly stateLabel: string;
    readonly countryLabel: string;
    readonly localeLabel: string;
    readonly localeHint: string;
    /** The option that leaves the language to the browser. */
    readonly localeAutomatic: string;
    readonly submit: string;
    readonly saved: string;
    /** Why a field was refused, by field. */
    readonly invalid: {
      readonly name: string;
      readonly displayName: string;
      readonly imageUrl: string;
      readonly phone: string;
      readonly dateOfBirth: string;
      readonly locale: string;
      readonly address: string;
    };
  };
  readonly password: {
    readonly title: string;
    readonly intro: string;
    readonly currentLabel: string;
    readonly newLabel: string;
    readonly newHint: (minLength: number) => string;
    readonly submit: string;
    readonly changed: string;
    readonly currentMissing: string;
    readonly currentWrong: string;
    readonly forgot: string;
    /** For someone who signed in without a password: there may be none to change. */
    readonly noPassword: string;
    readonly setFirst: string;
  };
  readonly email: {
    readonly title: string;
    readonly current: (address: string) => string;
    readonly verified: string;
    readonly unverified: string;
    readonly noAddress: string;
    readonly intro: string;
    readonly newLabel: string;
    readonly passwordLabel: string;
    readonly passwordHint: string;
    readonly submit: string;
    readonly sent: AccountMessage;
    readonly emailInvalid: string;
    readonly sameAddress: string;
    readonly passwordMissing: string;
    readonly passwordWrong: string;
    readonly noPassword: string;
  };
  readonly reauth: {
    readonly title: string;
    readonly intro: string;
    readonly passwordHeading: string;
    readonly passwordLabel: string;
    readonly passwordSubmit: string;
    readonly factorHeading: string;
    readonly totpLabel: string;
    readonly totpHint: string;
    readonly totpSubmit: string;
    readonly recoveryLabel: string;
    readonly recoveryHint: string;
    readonly recoverySubmit: string;
    readonly passkeySubmit: string;
    readonly passkeyCancelled: string;
    readonly passkeyFailed: string;
    readonly passkeyWrong: string;
    readonly smsSend: string;
    readonly smsSent: string;
    readonly smsLabel: string;
    readonly smsSubmit: string;
    readonly passwordMissing: string;
    readonly passwordWrong: string;
    readonly codeMissing: string;
    readonly codeWrong: string;
    readonly methodUnavailable: string;
    readonly back: string;
  };
  readonly sessions: {
    readonly title: string;
    readonly intro: string;
    readonly caption: string;
    readonly ip: string;
    readonly lastUsed: string;
    readonly created: string;
    readonly thisDevice: string;
    readonly unknownIp: string;
    readonly end: string;
    /** What the end button's name goes on with, for assistive technology (not shown). */
    readonly endWhich: (device: string, lastUsed: string) => string;
    readonly endOthersHeading: string;
    readonly endOthersIntro: string;
    readonly endOthers: string;
    readonly onlyThis: string;
    readonly ended: string;
    readonly othersEnded: (count: number) => string;
    readonly notFound: string;
  };
  readonly apps: {
    readonly title: string;
    readonly intro: string;
    readonly caption: string;
    readonly app: string;
    readonly roles: string;
    readonly plan: string;
    readonly joined: string;
    readonly noRoles: string;
    readonly none: string;
  };
  readonly data: {
    readonly title: string;
    readonly exportHeading: string;
    readonly exportIntro: string;
    readonly exportSubmit: string;
    readonly deleteHeading: string;
    readonly deleteIntro: string;
    readonly deleteLink: string;
  };
  readonly deleteAccount: {
    readonly title: string;
    readonly intro: string;
    readonly soft: (days: number) => string;
    readonly hard: string;
    readonly passwordLabel: string;
    readonly confirmLabel: string;
    readonly submit: string;
    readonly cancel: string;
    readonly confirmMissing: string;
    readonly passwordMissing: string;
    readonly passwordWrong: string;
    readonly noPassword: string;
  };
  readonly deleted: {
    readonly title: string;
    readonly body: string;
    readonly soft: (days: number) => string;
  };
}

const en: AccountStrings = {
  nav: {
    label: 'Account',
    profile: 'Profile',
    password: 'Password',
    email: 'Email',
    sessions: 'Sessions',
    security: 'Security',
    identities: 'Identities',
    tokens: 'Tokens',
    apps: 'Apps',
    data: 'Data & deletion',
  },
  impersonated: {
    title: 'Only the account’s owner can do this',
    body: 'An operator started this session on the owner’s behalf. Passwords, addresses, second factors, exports and deletion stay with the owner: they must sign in themselves.',
  },
  profile: {
    title: 'Your profile',
    signedInAs: (who) => `Signed in as ${who}.`,
    changeEmail: 'Change your email address',
    nameLabel: 'Full name',
    displayNameLabel: 'Display name',
    displayNameHint: 'How apps greet you; leave empty to use your full name.',
    imageUrlLabel: 'Picture (web address)',
    imageUrlHint: 'An https:// address of an image, or empty.',
    phoneLabel: 'Phone number',
    phoneHint: 'For contact only, in international form, e.g. +14155550123. Not used for sign-in.',
    dateOfBirthLabel: 'Date of birth',
    dateOfBirthHint: 'Year, month and day, e.g. 1990-04-21.',
    addressLegend: 'Postal address',
    streetLabel: 'Street and number',
    postalCodeLabel: 'Postal code',
    cityLabel: 'City',
    stateLabel: 'State or region',
    countryLabel: 'Country',
    localeLabel: 'Language',
    localeHint: 'The language of these pages and of our mails to you.',
    localeAutomatic: 'Same as my browser',
    submit: 'Save profile',
    saved: 'Your profile is saved.',
    invalid: {
      name: 'Use at most 200 printable characters',
      displayName: 'Use at most 200 printable characters',
      imageUrl: 'Enter a web address starting with https:// or http://',
      phone: 'Enter the number with + and the country code, digits only, e.g. +14155550123',
      dateOfBirth: 'Enter a real date, not in the future, as YYYY-MM-DD',
      locale: 'Choose a language from the list',
      address: 'Use at most 256 printable characters (postal code: 32)',
    },
  },
  password: {
    title: 'Change your password',
    intro:
      'After the change, every other device signed in to your account is signed out. This one stays signed in.',
    currentLabel: 'Current password',
    newLabel: 'New password',
    newHint: (minLength) =>
      `At least ${minLength} characters. Long passphrases are good; common or breached passwords are refused.`,
    submit: 'Change password',
    changed: 'Your password is changed. Every other device was signed out.',
    currentMissing: 'Enter your current password',
    currentWrong: 'The current password is not right',
    forgot: 'Forgot your current password? Reset it by mail',
    noPassword:
      'You signed in without a password this time. If your account has none yet — for example, you only sign in with another provider — set a first one through a reset mail.',
    setFirst: 'Set a password by mail',
  },
  email: {
    title: 'Your email address',
    current: (address) => `Your address is ${address}.`,
    verified: 'It is verified.',
    unverified: 'It is not verified yet.',
    noAddress: 'Your account has no email address yet.',
    intro:
      'To move to a new address, enter it with your password. We mail a link to the new address; the address changes only when you open it. Your current address gets a mail with a link to cancel.',
    newLabel: 'New email address',
    passwordLabel: 'Password',
    passwordHint: 'To confirm it is you.',
    submit: 'Send confirmation link',
    sent: {
      title: 'Check the new address’s mail',
      body: 'If the address can be used, a confirmation link is on its way to it. Until you open the link, your address stays as it is. A mail to your current address has a link to cancel the change.',
    },
    emailInvalid: 'Enter an email address, like name@example.com',
    sameAddress: 'This is already your address',
    passwordMissing: 'Enter your password',
    passwordWrong: 'The password is not right',
    noPassword: 'Changing the address needs your password. No password yet?',
  },
  reauth: {
    title: 'Confirm it is you',
    intro: 'This change needs a recent sign-in. Confirm who you are, then send your change again.',
    passwordHeading: 'With your password',
    passwordLabel: 'Password',
    passwordSubmit: 'Confirm with password',
    factorHeading: 'With a second factor',
    totpLabel: 'Code from your authenticator app',
    totpHint: 'The 6 digits the app shows now.',
    totpSubmit: 'Confirm with code',
    recoveryLabel: 'Recovery code',
    recoveryHint: 'One of the codes you saved; each works once.',
    recoverySubmit: 'Confirm with recovery code',
    passkeySubmit: 'Confirm with a passkey',
    passkeyCancelled: 'The passkey was not used. Try again, or use another way.',
    passkeyFailed: 'The passkey could not be used in this browser. Use another way.',
    passkeyWrong: 'That passkey could not confirm it is you. Try again, or use another way.',
    smsSend: 'Text me a code',
    smsSent: 'We texted a code to your phone.',
    smsLabel: 'Code from the text message',
    smsSubmit: 'Confirm with text code',
    passwordMissing: 'Enter your password',
    passwordWrong: 'The password is not right',
    codeMissing: 'Enter the code',
    codeWrong: 'That code is not right, or was already used',
    methodUnavailable: 'Your account cannot use this method now',
    back: 'Back to your account',
  },
  sessions: {
    title: 'Where you are signed in',
    intro: 'Each row is a device or browser signed in to your account. End any you do not recognise.',
    caption: 'Signed-in devices',
    ip: 'IP address',
    lastUsed: 'Last used',
    created: 'Signed in',
    thisDevice: 'This device',
    unknownIp: 'unknown',
    end: 'End',
    endWhich: (device, lastUsed) => ` the session on ${device}, last used ${lastUsed}`,
    endOthersHeading: 'Sign out everywhere else',
    endOthersIntro: 'Ends every session but this one. Those devices must sign in again.',
    endOthers: 'End all other sessions',
    onlyThis: 'This device is the only one signed in.',
    ended: 'The session is ended.',
    othersEnded: (count) =>
      count === 1 ? '1 other session is ended.' : `${count} other sessions are ended.`,
    notFound: 'That session has already ended.',
  },
  apps: {
    title: 'Your apps',
    intro: 'The apps your account belongs to, with your roles and plan in each.',
    caption: 'Apps and your access',
    app: 'App',
    roles: 'Roles',
    plan: 'Plan',
    joined: 'Member since',
    noRoles: 'none',
    none: 'Your account does not belong to any app yet.',
  },
  data: {
    title: 'Your data',
    exportHeading: 'Download your data',
    exportIntro:
      'One JSON file with everything we hold about you: account and profile, sign-in history, sessions, second factors (never their secrets), apps and tokens (never their values).',
    exportSubmit: 'Download my data',
    deleteHeading: 'Delete your account',
    deleteIntro: 'Deleting ends every session and stops every way of signing in to this account.',
    deleteLink: 'Delete my account…',
  },
  deleteAccount: {
    title: 'Delete your account',
    intro: 'This signs you out everywhere and closes the account. You will get a mail confirming it.',
    soft: (days) =>
      `For ${days} days an administrator can still restore it if you ask; after that it is erased.`,
    hard: 'The account and everything in it are erased at once. This cannot be undone.',
    passwordLabel: 'Password',
    confirmLabel: 'I understand that my account will be deleted',
    submit: 'Delete my account',
    cancel: 'Keep my account',
    confirmMissing: 'Tick the box to confirm you want the account deleted',
    passwordMissing: 'Enter your password',
    passwordWrong: 'The password is not right',
    noPassword: 'Deleting needs your password. No password yet?',
  },
  deleted: {
    title: 'Your account is deleted',
    body: 'You are signed out everywhere. A confirmation is on its way to your address. Thank you for having been with us.',
    soft: (days) =>
      `Changed your mind? An administrator can restore the account within ${days} days if you ask.`,
  },
};

const de: AccountStrings = {
  nav: {
    label: 'Konto',
    profile: 'Profil',
    password: 'Passwort',
    email: 'E-Mail',
    sessions: 'Sitzungen',
    security: 'Sicherheit',
    identities: 'Verknüpfte Konten',
    tokens: 'Tokens',
    apps: 'Apps',
    data: 'Daten & Löschung',
  },
  impersonated: {
    title: 'Das kann nur der Inhaber des Kontos',
    body: 'Diese Sitzung hat ein Administrator im Namen des Inhabers gestartet. Passwort, Adresse, zweite Faktoren, Datenexport und Löschung bleiben dem Inhaber vorbehalten: Er muss sich selbst anmelden.',
  },
  profile: {
    title: 'Ihr Profil',
    signedInAs: (who) => `Angemeldet als ${who}.`,
    changeEmail: 'E-Mail-Adresse ändern',
    nameLabel: 'Vollständiger Name',
    displayNameLabel: 'Anzeigename',
    displayNameHint:
      'So werden Sie in Apps angesprochen; leer lassen, um den vollständigen Namen zu verwenden.',
    imageUrlLabel: 'Bild (Webadresse)',
    imageUrlHint: 'Eine https://-Adresse eines Bildes, oder leer.',
    phoneLabel: 'Telefonnummer',
    phoneHint: 'Nur für Rückfragen, im internationalen Format, z. B. +4930123456. Nicht für die Anmeldung.',
    dateOfBirthLabel: 'Geburtsdatum',
    dateOfBirthHint: 'Jahr, Monat und Tag, z. B. 1990-04-21.',
    addressLegend: 'Postanschrift',
    streetLabel: 'Straße und Hausnummer',
    postalCodeLabel: 'Postleitzahl',
    cityLabel: 'Ort',
    stateLabel: 'Bundesland oder Region',
    countryLabel: 'Land',
    localeLabel: 'Sprache',
    localeHint: 'Die Sprache dieser Seiten und unserer E-Mails an Sie.',
    localeAutomatic: 'Wie in meinem Browser',
    submit: 'Profil speichern',
    saved: 'Ihr Profil ist gespeichert.',
    invalid: {
      name: 'Verwenden Sie höchstens 200 druckbare Zeichen',
      displayName: 'Verwenden Sie höchstens 200 druckbare Zeichen',
      imageUrl: 'Geben Sie eine Webadresse ein, die mit https:// oder http:// beginnt',
      phone: 'Geben Sie die Nummer mit + und Ländervorwahl ein, nur Ziffern, z. B. +4930123456',
      dateOfBirth: 'Geben Sie ein gültiges Datum ein, nicht in der Zukunft, als JJJJ-MM-TT',
      locale: 'Wählen Sie eine Sprache aus der Liste',
      address: 'Verwenden Sie höchstens 256 druckbare Zeichen (Postleitzahl: 32)',
    },
  },
  password: {
    title: 'Passwort ändern',
    intro:
      'Nach der Änderung werden alle anderen Geräte abgemeldet, die bei Ihrem Konto angemeldet sind. Dieses Gerät bleibt angemeldet.',
    currentLabel: 'Aktuelles Passwort',
    newLabel: 'Neues Passwort',
    newHint: (minLength) =>
      `Mindestens ${minLength} Zeichen. Lange Passphrasen sind gut; häufige oder geleakte Passwörter werden abgelehnt.`,
    submit: 'Passwort ändern',
    changed: 'Ihr Passwort ist geändert. Alle anderen Geräte wurden abgemeldet.',
    currentMissing: 'Geben Sie Ihr aktuelles Passwort ein',
    currentWrong: 'Das aktuelle Passwort ist nicht richtig',
    forgot: 'Aktuelles Passwort vergessen? Per E-Mail zurücksetzen',
    noPassword:
      'Sie haben sich diesmal ohne Passwort angemeldet. Falls Ihr Konto noch keines hat – etwa weil Sie sich nur über einen anderen Anbieter anmelden –, legen Sie ein erstes über eine E-Mail zum Zurücksetzen fest.',
    setFirst: 'Passwort per E-Mail festlegen',
  },
  email: {
    title: 'Ihre E-Mail-Adresse',
    current: (address) => `Ihre Adresse ist ${address}.`,
    verified: 'Sie ist bestätigt.',
    unverified: 'Sie ist noch nicht bestätigt.',
    noAddress: 'Ihr Konto hat noch keine E-Mail-Adresse.',
    intro:
      'Um zu einer neuen Adresse zu wechseln, geben Sie sie zusammen mit Ihrem Passwort ein. Wir senden einen Link an die neue Adresse; die Adresse ändert sich erst, wenn Sie ihn öffnen. Ihre bisherige Adresse erhält eine E-Mail mit einem Link zum Abbrechen.',
    newLabel: 'Neue E-Mail-Adresse',
    passwordLabel: 'Passwort',
    passwordHint: 'Zur Bestätigung, dass Sie es sind.',
    submit: 'Bestätigungslink senden',
    sent: {
      title: 'Sehen Sie im Postfach der neuen Adresse nach',
      body: 'Wenn die Adresse verwendet werden kann, ist ein Bestätigungslink an sie unterwegs. Bis Sie ihn öffnen, bleibt Ihre Adresse unverändert. Eine E-Mail an Ihre bisherige Adresse enthält einen Link, mit dem Sie die Änderung abbrechen können.',
    },
    emailInvalid: 'Geben Sie eine E-Mail-Adresse ein, etwa name@example.com',
    sameAddress: 'Das ist bereits Ihre Adresse',
    passwordMissing: 'Geben Sie Ihr Passwort ein',
    passwordWrong: 'Das Passwort ist nicht richtig',
    noPassword: 'Zum Ändern der Adresse brauchen Sie Ihr Passwort. Noch keines?',
  },
  reauth: {
    title: 'Bestätigen Sie, dass Sie es sind',
    intro:
      'Diese Änderung erfordert eine frische Anmeldung. Bestätigen Sie, wer Sie sind, und senden Sie Ihre Änderung dann erneut.',
    passwordHeading: 'Mit Ihrem Passwort',
    passwordLabel: 'Passwort',
    passwordSubmit: 'Mit Passwort bestätigen',
    factorHeading: 'Mit einem zweiten Faktor',
    totpLabel: 'Code aus Ihrer Authenticator-App',
    totpHint: 'Die 6 Ziffern, die die App gerade anzeigt.',
    totpSubmit: 'Mit Code bestätigen',
    recoveryLabel: 'Wiederherstellungscode',
    recoveryHint: 'Einer der Codes, die Sie gespeichert haben; jeder funktioniert nur einmal.',
    recoverySubmit: 'Mit Wiederherstellungscode bestätigen',
    passkeySubmit: 'Mit einem Passkey bestätigen',
    passkeyCancelled:
      'Der Passkey wurde nicht verwendet. Versuchen Sie es erneut oder wählen Sie einen anderen Weg.',
    passkeyFailed: 'Der Passkey lässt sich in diesem Browser nicht verwenden. Wählen Sie einen anderen Weg.',
    passkeyWrong:
      'Mit diesem Passkey ließ sich nicht bestätigen, dass Sie es sind. Versuchen Sie es erneut oder wählen Sie einen anderen Weg.',
    smsSend: 'Code per SMS senden',
    smsSent: 'Wir haben einen Code an Ihr Telefon gesendet.',
    smsLabel: 'Code aus der SMS',
    smsSubmit: 'Mit SMS-Code bestätigen',
    passwordMissing: 'Geben Sie Ihr Passwort ein',
    passwordWrong: 'Das Passwort ist nicht richtig',
    codeMissing: 'Geben Sie den Code ein',
    codeWrong: 'Dieser Code ist nicht richtig oder wurde bereits verwendet',
    methodUnavailable: 'Ihr Konto kann diese Methode derzeit nicht verwenden',
    back: 'Zurück zu Ihrem Konto',
  },
  sessions: {
    title: 'Wo Sie angemeldet sind',
    intro:
      'Jede Zeile ist ein Gerät oder Browser, der bei Ihrem Konto angemeldet ist. Beenden Sie alle, die Sie nicht kennen.',
    caption: 'Angemeldete Geräte',
    ip: 'IP-Adresse',
    lastUsed: 'Zuletzt verwendet',
    created: 'Angemeldet seit',
    thisDevice: 'Dieses Gerät',
    unknownIp: 'unbekannt',
    end: 'Beenden',
    endWhich: (device, lastUsed) => `: Sitzung auf ${device}, zuletzt verwendet ${lastUsed}`,
    endOthersHeading: 'Überall sonst abmelden',
    endOthersIntro: 'Beendet alle Sitzungen außer dieser. Diese Geräte müssen sich neu anmelden.',
    endOthers: 'Alle anderen Sitzungen beenden',
    onlyThis: 'Nur dieses Gerät ist angemeldet.',
    ended: 'Die Sitzung ist beendet.',
    othersEnded: (count) =>
      count === 1 ? '1 andere Sitzung ist beendet.' : `${count} andere Sitzungen sind beendet.`,
    notFound: 'Diese Sitzung ist bereits beendet.',
  },
  apps: {
    title: 'Ihre Apps',
    intro: 'Die Apps, zu denen Ihr Konto gehört, mit Ihren Rollen und Ihrem Tarif in jeder.',
    caption: 'Apps und Ihr Zugang',
    app: 'App',
    roles: 'Rollen',
    plan: 'Tarif',
    joined: 'Mitglied seit',
    noRoles: 'keine',
    none: 'Ihr Konto gehört noch zu keiner App.',
  },
  data: {
    title: 'Ihre Daten',
    exportHeading: 'Ihre Daten herunterladen',
    exportIntro:
      'Eine JSON-Datei mit allem, was wir über Sie speichern: Konto und Profil, Anmeldeverlauf, Sitzungen, zweite Faktoren (nie deren Geheimnisse), Apps und Tokens (nie deren Werte).',
    exportSubmit: 'Meine Daten herunterladen',
    deleteHeading: 'Konto löschen',
    deleteIntro: 'Das Löschen beendet alle Sitzungen und sperrt jede Anmeldung bei diesem Konto.',
    deleteLink: 'Mein Konto löschen …',
  },
  deleteAccount: {
    title: 'Konto löschen',
    intro:
      'Damit werden Sie überall abgemeldet und das Konto wird geschlossen. Sie erhalten eine Bestätigung per E-Mail.',
    soft: (days) =>
      `${days} Tage lang kann ein Administrator es auf Ihre Bitte hin noch wiederherstellen; danach wird es gelöscht.`,
    hard: 'Das Konto und alle seine Daten werden sofort gelöscht. Das lässt sich nicht rückgängig machen.',
    passwordLabel: 'Passwort',
    confirmLabel: 'Ich verstehe, dass mein Konto gelöscht wird',
    submit: 'Mein Konto löschen',
    cancel: 'Konto behalten',
    confirmMissing: 'Setzen Sie das Häkchen, um zu bestätigen, dass das Konto gelöscht werden soll',
    passwordMissing: 'Geben Sie Ihr Passwort ein',
    passwordWrong: 'Das Passwort ist nicht richtig',
    noPassword: 'Zum Löschen brauchen Sie Ihr Passwort. Noch keines?',
  },
  deleted: {
    title: 'Ihr Konto ist gelöscht',
    body: 'Sie sind überall abgemeldet. Eine Bestätigung ist an Ihre Adresse unterwegs. Danke, dass Sie bei uns waren.',
    soft: (days) =>
      `Doch anders entschieden? Ein Administrator kann das Konto auf Ihre Bitte hin innerhalb von ${days} Tagen wiederherstellen.`,
  },
};

export const accountStrings: Readonly<Record<Locale, AccountStrings>> = { en, de };

/** The account strings in the page's language. */
export function accountStringsFor(view: Pick<PageView, 'locale'>): AccountStrings {
  return accountStrings[view.locale];
}
