/**
 * The account pages' strings (`/account…`): their shape and the English text. The pages are
 * profile, password, email, sessions, apps, data export and deletion, reauthentication, and the
 * account navigation. Strings that take values are functions, so each language places them where
 * its grammar needs.
 */

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
    /** For an account without a password: it can set a first one here. */
    readonly noPassword: string;
    /** A link to the reset mail, which also sets a first password (the delete page). */
    readonly setFirst: string;
    readonly setTitle: string;
    readonly setSubmit: string;
    readonly set: string;
    /** A password appeared meanwhile (another tab): it is changed with the current one now. */
    readonly exists: string;
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
    readonly setPassword: string;
    readonly pendingTitle: string;
    readonly pending: (address: string, until: string) => string;
    readonly pendingCancel: string;
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
    /** An account without a password (and perhaps no factor): a fresh sign-in proves it too. */
    readonly signInAgainHeading: string;
    readonly signInAgainIntro: string;
    readonly signInAgain: string;
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

export const en: AccountStrings = {
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
      'Your account has no password yet: you sign in with a passkey, another provider or a link by mail. Set one to also sign in with your address and a password.',
    setFirst: 'Set a password by mail',
    setTitle: 'Set a password',
    setSubmit: 'Set password',
    set: 'Your password is set. You can now sign in with it as well.',
    exists: 'Your account has a password already. Change it here with the current one.',
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
    noPassword: 'Changing the address needs your password, and your account has none yet.',
    setPassword: 'Set a password',
    pendingTitle: 'A change is waiting for confirmation',
    pending: (address, until) =>
      `We mailed a confirmation link to ${address}. Your address changes when it is opened; the link works until ${until}.`,
    pendingCancel:
      'To cancel the change, open the link in the mail to your current address. A new request replaces this one.',
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
    signInAgainHeading: 'Sign in again',
    signInAgainIntro:
      'Your account has no password. Sign out and sign in again the way you usually do (a link by mail, a passkey or a provider); you come back here afterwards.',
    signInAgain: 'Sign out and sign in again',
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
