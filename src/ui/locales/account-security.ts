/**
 * The account's security pages' strings (`/account/security…`, `/account/identities…`,
 * `/account/tokens…`), English and German: second factors (authenticator app, recovery codes,
 * passkeys, phone), linked sign-in providers and personal access tokens. Strings that take
 * values are functions, so each language places them where its grammar needs.
 */
import type { Locale } from '../../core/locale.js';
import type { PageView } from '../../http/route.js';

/** A message in two parts: what happened, and what it means or what to do. */
export interface SecurityMessage {
  readonly title: string;
  readonly body: string;
}

/** A destructive step's confirmation page. */
export interface ConfirmStrings {
  readonly title: string;
  readonly body: string;
  readonly confirmLabel: string;
  readonly submit: string;
}

/** A copy button and what it says after copying. */
export interface CopyStrings {
  readonly copy: string;
  readonly copied: string;
  readonly copyFailed: string;
}

export interface AccountSecurityStrings {
  /** Shared by every page of the area. */
  readonly common: {
    readonly cancel: string;
    readonly backToSecurity: string;
    readonly confirmMissing: string;
    readonly never: string;
    readonly yes: string;
    readonly no: string;
    readonly actions: string;
    /** An operator's session as the user (impersonation): factor and token changes are the user's alone. */
    readonly impersonated: SecurityMessage;
    readonly notFound: SecurityMessage;
    readonly rateLimited: SecurityMessage;
  };
  readonly overview: {
    readonly title: string;
    readonly intro: string;
    readonly totpHeading: string;
    readonly totpIntro: string;
    readonly totpOn: (since: string) => string;
    readonly totpOff: string;
    readonly totpSetUp: string;
    readonly totpRemove: string;
    readonly recoveryHeading: string;
    readonly recoveryIntro: string;
    readonly recoveryRemaining: (count: number) => string;
    readonly recoveryNeedsFactor: string;
    readonly recoveryRegenerate: string;
    readonly passkeysHeading: string;
    readonly passkeysIntro: string;
    readonly passkeysCaption: string;
    readonly passkeyName: string;
    readonly passkeyCreated: string;
    readonly passkeyLastUsed: string;
    readonly passkeyBackedUp: string;
    readonly passkeysNone: string;
    readonly passkeyManage: string;
    /** The manage link's full name for assistive technology. */
    readonly passkeyManageNamed: (name: string) => string;
    readonly passkeyAdd: string;
    readonly phoneHeading: string;
    readonly phoneIntro: string;
    readonly phoneOn: (phone: string, since: string) => string;
    readonly phoneOff: string;
    readonly phoneAdd: string;
    readonly phoneRemove: string;
    /** What a finished change says on the overview, by the `done` query value. */
    readonly done: {
      readonly totpAdded: string;
      readonly totpRemoved: string;
      readonly passkeyAdded: string;
      readonly passkeyRenamed: string;
      readonly passkeyRemoved: string;
      readonly phoneAdded: string;
      readonly phoneRemoved: string;
    };
  };
  readonly totp: {
    readonly title: string;
    readonly intro: string;
    readonly start: string;
    readonly alreadyOn: SecurityMessage;
    readonly scanHeading: string;
    readonly scanIntro: string;
    readonly qrAlt: string;
    readonly keyHeading: string;
    readonly keyIntro: string;
    readonly keyLabel: string;
    readonly keyCopy: CopyStrings;
    readonly codeHeading: string;
    readonly codeLabel: string;
    readonly codeHint: string;
    readonly submit: string;
    readonly codeMissing: string;
    readonly codeWrong: string;
    /** The setup was replaced or never started: begin again. */
    readonly notPending: SecurityMessage;
    readonly startAgain: string;
    readonly remove: ConfirmStrings;
  };
  readonly recovery: {
    readonly title: string;
    readonly intro: string;
    readonly once: string;
    readonly listLabel: string;
    readonly codesCopy: CopyStrings;
    readonly download: string;
    readonly continue: string;
    readonly regenerate: ConfirmStrings;
    readonly notEnabled: SecurityMessage;
    /** The downloaded file's lines. */
    readonly fileTitle: (product: string) => string;
    readonly fileAccount: (account: string) => string;
    readonly fileBody: string;
    readonly fileName: string;
    readonly badDownload: SecurityMessage;
  };
  readonly passkeys: {
    readonly title: string;
    readonly intro: string;
    readonly nameLabel: string;
    readonly nameHint: string;
    readonly nameInvalid: (max: number) => string;
    readonly start: string;
    readonly createTitle: string;
    readonly createIntro: string;
    readonly create: string;
    readonly needsScript: string;
    readonly cancelled: string;
    readonly failed: string;
    readonly exists: string;
    readonly rejected: string;
    readonly manageTitle: (name: string) => string;
    readonly details: (created: string, lastUsed: string) => string;
    readonly renameHeading: string;
    readonly renameLabel: string;
    readonly renameSubmit: string;
    readonly removeHeading: string;
    readonly remove: ConfirmStrings;
  };
  readonly phone: {
    readonly title: string;
    readonly intro: string;
    readonly numberLabel: string;
    readonly numberHint: string;
    readonly send: string;
    readonly numberInvalid: string;
    readonly exists: SecurityMessage;
    readonly tooSoon: string;
    readonly confirmTitle: string;
    readonly confirmIntro: string;
    readonly codeLabel: string;
    readonly codeHint: string;
    readonly confirm: string;
    readonly codeMissing: string;
    readonly codeWrong: string;
    readonly notStarted: string;
    readonly sendAgain: string;
    readonly remove: ConfirmStrings;
  };
  readonly identities: {
    readonly title: string;
    readonly intro: string;
    readonly caption: string;
    readonly provider: string;
    readonly email: string;
    readonly linkedAt: string;
    readonly lastUsed: string;
    readonly none: string;
    readonly noEmail: string;
    readonly unlink: string;
    readonly unlinkNamed: (provider: string) => string;
    readonly linkHeading: string;
    readonly linkIntro: string;
    readonly link: (provider: string) => string;
    readonly linked: (provider: string) => string;
    readonly unlinked: string;
    readonly inUse: SecurityMessage;
    readonly linkFailed: SecurityMessage;
    readonly lastMethod: SecurityMessage;
    readonly unlinkConfirm: {
      readonly title: (provider: string) => string;
      readonly body: (provider: string) => string;
      readonly confirmLabel: string;
      readonly submit: string;
    };
  };
  readonly tokens: {
    readonly title: string;
    readonly intro: string;
    readonly caption: string;
    readonly name: string;
    readonly scopes: string;
    readonly created: string;
    readonly expires: string;
    readonly lastUsed: string;
    readonly noExpiry: string;
    readonly none: string;
    readonly revoke: string;
    readonly revokeNamed: (name: string) => string;
    readonly createHeading: string;
    readonly nameLabel: string;
    readonly nameHint: string;
    readonly scopesLegend: string;
    readonly scopesHint: string;
    /** What Gatehouse's own scopes allow. */
    readonly scopeNames: {
      readonly profileRead: string;
      readonly profileWrite: string;
      readonly adminRead: string;
      readonly adminWrite: string;
    };
    readonly otherScopesLabel: string;
    readonly otherScopesHint: string;
    readonly expiresLabel: string;
    readonly expiresHint: string;
    readonly expiresHintLimited: (days: number) => string;
    readonly submit: string;
    readonly nameInvalid: string;
    readonly scopesMissing: string;
    readonly scopesInvalid: string;
    readonly expiresInvalid: string;
    readonly expiresTooFar: (days: number) => string;
    readonly limitReached: string;
    readonly adminNotAllowed: string;
    readonly adminNeedsMfa: string;
    readonly createdTitle: string;
    readonly createdIntro: string;
    readonly tokenLabel: string;
    readonly tokenCopy: CopyStrings;
    readonly back: string;
    readonly revoked: string;
    readonly revokeConfirm: {
      readonly title: (name: string) => string;
      readonly body: string;
      readonly confirmLabel: string;
      readonly submit: string;
    };
  };
}

const en: AccountSecurityStrings = {
  common: {
    cancel: 'Cancel',
    backToSecurity: 'Back to security settings',
    confirmMissing: 'Tick the box to confirm',
    never: 'Never',
    yes: 'Yes',
    no: 'No',
    actions: 'Actions',
    impersonated: {
      title: 'Only the account’s owner can do this',
      body: 'This session was started by an operator on the owner’s behalf. Sign-in methods and tokens can only be changed by the owner, signed in themselves.',
    },
    notFound: {
      title: 'Not found',
      body: 'It may have been removed already. Go back to the list and try again.',
    },
    rateLimited: {
      title: 'Too many attempts',
      body: 'Wait a few minutes, then try again.',
    },
  },
  overview: {
    title: 'Security',
    intro: 'Second factors keep your account safe even if someone learns your password.',
    totpHeading: 'Authenticator app',
    totpIntro: 'An app on your phone shows a new six-digit code every 30 seconds.',
    totpOn: (since) => `On since ${since}.`,
    totpOff: 'Not set up.',
    totpSetUp: 'Set up an authenticator app',
    totpRemove: 'Remove the authenticator app',
    recoveryHeading: 'Recovery codes',
    recoveryIntro: 'Each code signs you in once when you cannot use your other factors.',
    recoveryRemaining: (count) => (count === 1 ? '1 unused code left.' : `${count} unused codes left.`),
    recoveryNeedsFactor: 'You get recovery codes when you set up your first second factor.',
    recoveryRegenerate: 'Make new recovery codes',
    passkeysHeading: 'Passkeys',
    passkeysIntro: 'Sign in with your fingerprint, face or device PIN instead of a password.',
    passkeysCaption: 'Your passkeys',
    passkeyName: 'Name',
    passkeyCreated: 'Added',
    passkeyLastUsed: 'Last used',
    passkeyBackedUp: 'Backed up',
    passkeysNone: 'No passkeys yet.',
    passkeyManage: 'Rename or remove',
    passkeyManageNamed: (name) => `Rename or remove the passkey ${name}`,
    passkeyAdd: 'Add a passkey',
    phoneHeading: 'Phone',
    phoneIntro: 'A code sent by text message as a second factor.',
    phoneOn: (phone, since) => `${phone}, confirmed ${since}.`,
    phoneOff: 'No phone set up.',
    phoneAdd: 'Add a phone',
    phoneRemove: 'Remove the phone',
    done: {
      totpAdded: 'The authenticator app is set up.',
      totpRemoved: 'The authenticator app is removed.',
      passkeyAdded: 'The passkey is added.',
      passkeyRenamed: 'The passkey is renamed.',
      passkeyRemoved: 'The passkey is removed.',
      phoneAdded: 'The phone is set up.',
      phoneRemoved: 'The phone is removed.',
    },
  },
  totp: {
    title: 'Set up an authenticator app',
    intro:
      'Use an authenticator app on your phone, such as a password manager or an app made for codes. When you sign in, the app gives you a code to type after your password.',
    start: 'Start',
    alreadyOn: {
      title: 'An authenticator app is already set up',
      body: 'To use another app, remove the current one first, then set up the new one.',
    },
    scanHeading: 'Scan the QR code',
    scanIntro: 'Open the app, choose to add an account, and scan this code.',
    qrAlt: 'QR code that adds this account to an authenticator app',
    keyHeading: 'Or type the setup key',
    keyIntro: 'If you cannot scan the code, type this key into the app instead.',
    keyLabel: 'Setup key',
    keyCopy: {
      copy: 'Copy the key',
      copied: 'The key is copied.',
      copyFailed: 'Copying did not work: select the key and copy it by hand.',
    },
    codeHeading: 'Enter the code from the app',
    codeLabel: 'Code',
    codeHint: 'The six digits the app shows now.',
    submit: 'Turn on',
    codeMissing: 'Enter the six-digit code from the app',
    codeWrong: 'That code is not right. Check the app and enter the code it shows now.',
    notPending: {
      title: 'Start the setup again',
      body: 'This setup is no longer open: it was replaced by a newer one or has been finished.',
    },
    startAgain: 'Start again',
    remove: {
      title: 'Remove the authenticator app',
      body: 'Codes from the app will no longer be accepted. If it is your only second factor, a password alone will sign in again and your recovery codes stop working.',
      confirmLabel: 'I understand that the app’s codes stop working',
      submit: 'Remove the app',
    },
  },
  recovery: {
    title: 'Your recovery codes',
    intro:
      'Keep these codes somewhere safe, such as a password manager. Each one signs you in once if you lose your phone or your other factors.',
    once: 'They are shown only now. Any older codes no longer work.',
    listLabel: 'Recovery codes',
    codesCopy: {
      copy: 'Copy the codes',
      copied: 'The codes are copied.',
      copyFailed: 'Copying did not work: select the codes and copy them by hand.',
    },
    download: 'Download as a text file',
    continue: 'I have saved them',
    regenerate: {
      title: 'Make new recovery codes',
      body: 'You get ten new codes. Your current codes stop working at once.',
      confirmLabel: 'I understand that my current codes stop working',
      submit: 'Make new codes',
    },
    notEnabled: {
      title: 'No second factor yet',
      body: 'Recovery codes stand in for a second factor. Set up an authenticator app, a passkey or a phone first.',
    },
    fileTitle: (product) => `Recovery codes for ${product}`,
    fileAccount: (account) => `Account: ${account}`,
    fileBody: 'Each code signs you in once. Keep this file somewhere safe.',
    fileName: 'recovery-codes.txt',
    badDownload: {
      title: 'Nothing to download',
      body: 'Recovery codes can only be downloaded from the page that shows them. Make new ones if you did not save them.',
    },
  },
  passkeys: {
    title: 'Add a passkey',
    intro:
      'A passkey lets you sign in with your fingerprint, face or device PIN. It stays on your device or in your password manager.',
    nameLabel: 'Name',
    nameHint: 'So you can tell your passkeys apart, for example “Work laptop”.',
    nameInvalid: (max) => `Enter a name of 1 to ${max} characters`,
    start: 'Continue',
    createTitle: 'Create your passkey',
    createIntro: 'Your browser or device asks you to confirm. Follow its steps.',
    create: 'Create the passkey',
    needsScript:
      'Adding a passkey needs JavaScript and a browser that supports passkeys. Turn JavaScript on, or use another browser, and load this page again.',
    cancelled: 'The passkey was not created. You can try again.',
    failed: 'The passkey could not be created. Try again, or use another device.',
    exists: 'This device already holds a passkey for your account.',
    rejected: 'The passkey could not be added. Start again.',
    manageTitle: (name) => `Passkey: ${name}`,
    details: (created, lastUsed) => `Added ${created}. Last used: ${lastUsed}.`,
    renameHeading: 'Rename',
    renameLabel: 'New name',
    renameSubmit: 'Rename',
    removeHeading: 'Remove',
    remove: {
      title: 'Remove this passkey',
      body: 'You will no longer be able to sign in with it. The copy on your device stays there until you delete it yourself.',
      confirmLabel: 'I understand that this passkey stops working',
      submit: 'Remove the passkey',
    },
  },
  phone: {
    title: 'Add a phone',
    intro: 'We send a code to this number by text message. You type it in to confirm the number.',
    numberLabel: 'Mobile number',
    numberHint: 'In international format: + and the country code, for example +14155550100.',
    send: 'Send the code',
    numberInvalid: 'Enter a mobile number in international format, starting with + and the country code',
    exists: {
      title: 'A phone is already set up',
      body: 'To use another number, remove the current one first.',
    },
    tooSoon: 'A code was sent a moment ago. Wait a little before asking for another.',
    confirmTitle: 'Enter the code',
    confirmIntro: 'We sent a six-digit code by text message to the number you entered.',
    codeLabel: 'Code',
    codeHint: 'The six digits from the text message.',
    confirm: 'Confirm',
    codeMissing: 'Enter the six-digit code from the text message',
    codeWrong: 'That code is not right or has expired. Check the message, or send a new code.',
    notStarted: 'No code is waiting. Enter your number to get one.',
    sendAgain: 'Send a new code or use another number',
    remove: {
      title: 'Remove your phone',
      body: 'Codes sent by text message will no longer be accepted. If it is your only second factor, a password alone will sign in again.',
      confirmLabel: 'I understand that text-message codes stop working',
      submit: 'Remove the phone',
    },
  },
  identities: {
    title: 'Linked accounts',
    intro: 'Accounts at other services you can sign in with.',
    caption: 'Your linked accounts',
    provider: 'Service',
    email: 'Email address',
    linkedAt: 'Linked',
    lastUsed: 'Last used',
    none: 'No accounts are linked.',
    noEmail: 'None',
    unlink: 'Unlink',
    unlinkNamed: (provider) => `Unlink ${provider}`,
    linkHeading: 'Link another account',
    linkIntro: 'You will be taken to the service to sign in there, then brought back here.',
    link: (provider) => `Link ${provider}`,
    linked: (provider) => `${provider} is linked. You can now sign in with it.`,
    unlinked: 'The account is unlinked.',
    inUse: {
      title: 'That account is already linked to someone else',
      body: 'Each account at a service can be linked to one user only. Sign in there with another account, or unlink it from the other user first.',
    },
    linkFailed: {
      title: 'Linking did not work',
      body: 'The service did not confirm the link. Try again.',
    },
    lastMethod: {
      title: 'This is your only way to sign in',
      body: 'Set a password or add a passkey first, so that you can still sign in after unlinking.',
    },
    unlinkConfirm: {
      title: (provider) => `Unlink ${provider}`,
      body: (provider) =>
        `You will no longer be able to sign in with ${provider}. You can link it again later.`,
      confirmLabel: 'I understand that I can no longer sign in with it',
      submit: 'Unlink',
    },
  },
  tokens: {
    title: 'Personal access tokens',
    intro:
      'A token lets a script or a tool act as you without your password. It can do only what its scopes allow.',
    caption: 'Your tokens',
    name: 'Name',
    scopes: 'Scopes',
    created: 'Created',
    expires: 'Expires',
    lastUsed: 'Last used',
    noExpiry: 'Never',
    none: 'You have no tokens.',
    revoke: 'Revoke',
    revokeNamed: (name) => `Revoke the token ${name}`,
    createHeading: 'Create a token',
    nameLabel: 'Name',
    nameHint: 'What it is for, for example “CI deploys”.',
    scopesLegend: 'Scopes',
    scopesHint: 'Choose what the token may do. Choose at least one.',
    scopeNames: {
      profileRead: 'Read your profile',
      profileWrite: 'Change your profile',
      adminRead: 'Read the admin API',
      adminWrite: 'Use the admin API, changes included',
    },
    otherScopesLabel: 'Other scopes',
    otherScopesHint: 'Scopes an app defines, separated by spaces, for example “invoices:read”.',
    expiresLabel: 'Expires on',
    expiresHint:
      'The token stops working at the end of this day (UTC). Leave it empty for a token that works until you revoke it.',
    expiresHintLimited: (days) =>
      `The token stops working at the end of this day (UTC), at most ${days} days from now. Left empty, it lasts ${days} days.`,
    submit: 'Create the token',
    nameInvalid: 'Enter a name of 1 to 100 characters',
    scopesMissing: 'Choose at least one scope',
    scopesInvalid:
      'Scopes use letters, digits and _ . : * / - only, start with a letter or digit, and appear once',
    expiresInvalid: 'Enter a date in the future',
    expiresTooFar: (days) => `Enter a date at most ${days} days from now`,
    limitReached: 'You have as many tokens as allowed. Revoke one first.',
    adminNotAllowed: 'Only operators can create tokens with an admin scope.',
    adminNeedsMfa: 'Tokens with an admin scope need a sign-in with a second factor.',
    createdTitle: 'Your new token',
    createdIntro: 'Copy the token now and keep it somewhere safe. It is shown only this once.',
    tokenLabel: 'Token',
    tokenCopy: {
      copy: 'Copy the token',
      copied: 'The token is copied.',
      copyFailed: 'Copying did not work: select the token and copy it by hand.',
    },
    back: 'Back to your tokens',
    revoked: 'The token is revoked.',
    revokeConfirm: {
      title: (name) => `Revoke the token ${name}`,
      body: 'Anything that uses this token stops working at once. This cannot be undone.',
      confirmLabel: 'I understand that the token stops working',
      submit: 'Revoke the token',
    },
  },
};

const de: AccountSecurityStrings = {
  common: {
    cancel: 'Abbrechen',
    backToSecurity: 'Zurück zu den Sicherheitseinstellungen',
    confirmMissing: 'Setzen Sie das Häkchen zur Bestätigung',
    never: 'Nie',
    yes: 'Ja',
    no: 'Nein',
    actions: 'Aktionen',
    impersonated: {
      title: 'Das kann nur die Inhaberin oder der Inhaber des Kontos',
      body: 'Diese Sitzung hat ein Operator im Namen der Person begonnen. Anmeldemethoden und Tokens kann nur die Person selbst ändern, wenn sie selbst angemeldet ist.',
    },
    notFound: {
      title: 'Nicht gefunden',
      body: 'Möglicherweise wurde es bereits entfernt. Kehren Sie zur Liste zurück und versuchen Sie es erneut.',
    },
    rateLimited: {
      title: 'Zu viele Versuche',
      body: 'Warten Sie einige Minuten und versuchen Sie es dann erneut.',
    },
  },
  overview: {
    title: 'Sicherheit',
    intro: 'Zweite Faktoren schützen Ihr Konto, auch wenn jemand Ihr Passwort kennt.',
    totpHeading: 'Authenticator-App',
    totpIntro: 'Eine App auf Ihrem Telefon zeigt alle 30 Sekunden einen neuen sechsstelligen Code.',
    totpOn: (since) => `Aktiv seit ${since}.`,
    totpOff: 'Nicht eingerichtet.',
    totpSetUp: 'Authenticator-App einrichten',
    totpRemove: 'Authenticator-App entfernen',
    recoveryHeading: 'Wiederherstellungscodes',
    recoveryIntro: 'Jeder Code meldet Sie einmal an, wenn Sie Ihre anderen Faktoren nicht verwenden können.',
    recoveryRemaining: (count) =>
      count === 1 ? 'Noch 1 unbenutzter Code.' : `Noch ${count} unbenutzte Codes.`,
    recoveryNeedsFactor:
      'Wiederherstellungscodes erhalten Sie, sobald Sie Ihren ersten zweiten Faktor einrichten.',
    recoveryRegenerate: 'Neue Wiederherstellungscodes erstellen',
    passkeysHeading: 'Passkeys',
    passkeysIntro: 'Melden Sie sich mit Fingerabdruck, Gesicht oder Geräte-PIN statt mit einem Passwort an.',
    passkeysCaption: 'Ihre Passkeys',
    passkeyName: 'Name',
    passkeyCreated: 'Hinzugefügt',
    passkeyLastUsed: 'Zuletzt verwendet',
    passkeyBackedUp: 'Gesichert',
    passkeysNone: 'Noch keine Passkeys.',
    passkeyManage: 'Umbenennen oder entfernen',
    passkeyManageNamed: (name) => `Passkey ${name} umbenennen oder entfernen`,
    passkeyAdd: 'Passkey hinzufügen',
    phoneHeading: 'Telefon',
    phoneIntro: 'Ein per SMS gesendeter Code als zweiter Faktor.',
    phoneOn: (phone, since) => `${phone}, bestätigt am ${since}.`,
    phoneOff: 'Kein Telefon eingerichtet.',
    phoneAdd: 'Telefon hinzufügen',
    phoneRemove: 'Telefon entfernen',
    done: {
      totpAdded: 'Die Authenticator-App ist eingerichtet.',
      totpRemoved: 'Die Authenticator-App ist entfernt.',
      passkeyAdded: 'Der Passkey ist hinzugefügt.',
      passkeyRenamed: 'Der Passkey ist umbenannt.',
      passkeyRemoved: 'Der Passkey ist entfernt.',
      phoneAdded: 'Das Telefon ist eingerichtet.',
      phoneRemoved: 'Das Telefon ist entfernt.',
    },
  },
  totp: {
    title: 'Authenticator-App einrichten',
    intro:
      'Verwenden Sie eine Authenticator-App auf Ihrem Telefon, etwa einen Passwort-Manager oder eine App für Codes. Bei der Anmeldung gibt Ihnen die App einen Code, den Sie nach Ihrem Passwort eingeben.',
    start: 'Beginnen',
    alreadyOn: {
      title: 'Eine Authenticator-App ist bereits eingerichtet',
      body: 'Um eine andere App zu verwenden, entfernen Sie zuerst die aktuelle und richten dann die neue ein.',
    },
    scanHeading: 'QR-Code scannen',
    scanIntro: 'Öffnen Sie die App, wählen Sie „Konto hinzufügen“ und scannen Sie diesen Code.',
    qrAlt: 'QR-Code, der dieses Konto einer Authenticator-App hinzufügt',
    keyHeading: 'Oder den Einrichtungsschlüssel eingeben',
    keyIntro:
      'Wenn Sie den Code nicht scannen können, geben Sie stattdessen diesen Schlüssel in die App ein.',
    keyLabel: 'Einrichtungsschlüssel',
    keyCopy: {
      copy: 'Schlüssel kopieren',
      copied: 'Der Schlüssel ist kopiert.',
      copyFailed:
        'Kopieren hat nicht funktioniert: Markieren Sie den Schlüssel und kopieren Sie ihn von Hand.',
    },
    codeHeading: 'Code aus der App eingeben',
    codeLabel: 'Code',
    codeHint: 'Die sechs Ziffern, die die App gerade anzeigt.',
    submit: 'Einschalten',
    codeMissing: 'Geben Sie den sechsstelligen Code aus der App ein',
    codeWrong:
      'Dieser Code stimmt nicht. Prüfen Sie die App und geben Sie den Code ein, den sie jetzt anzeigt.',
    notPending: {
      title: 'Einrichtung neu beginnen',
      body: 'Diese Einrichtung ist nicht mehr offen: Sie wurde durch eine neuere ersetzt oder ist bereits abgeschlossen.',
    },
    startAgain: 'Neu beginnen',
    remove: {
      title: 'Authenticator-App entfernen',
      body: 'Codes aus der App werden nicht mehr angenommen. Ist sie Ihr einziger zweiter Faktor, genügt wieder das Passwort allein zur Anmeldung, und Ihre Wiederherstellungscodes werden ungültig.',
      confirmLabel: 'Mir ist bewusst, dass die Codes der App nicht mehr funktionieren',
      submit: 'App entfernen',
    },
  },
  recovery: {
    title: 'Ihre Wiederherstellungscodes',
    intro:
      'Bewahren Sie diese Codes sicher auf, zum Beispiel in einem Passwort-Manager. Jeder meldet Sie einmal an, falls Sie Ihr Telefon oder Ihre anderen Faktoren verlieren.',
    once: 'Sie werden nur jetzt angezeigt. Ältere Codes funktionieren nicht mehr.',
    listLabel: 'Wiederherstellungscodes',
    codesCopy: {
      copy: 'Codes kopieren',
      copied: 'Die Codes sind kopiert.',
      copyFailed: 'Kopieren hat nicht funktioniert: Markieren Sie die Codes und kopieren Sie sie von Hand.',
    },
    download: 'Als Textdatei herunterladen',
    continue: 'Ich habe sie gespeichert',
    regenerate: {
      title: 'Neue Wiederherstellungscodes erstellen',
      body: 'Sie erhalten zehn neue Codes. Ihre bisherigen Codes werden sofort ungültig.',
      confirmLabel: 'Mir ist bewusst, dass meine bisherigen Codes ungültig werden',
      submit: 'Neue Codes erstellen',
    },
    notEnabled: {
      title: 'Noch kein zweiter Faktor',
      body: 'Wiederherstellungscodes ersetzen einen zweiten Faktor. Richten Sie zuerst eine Authenticator-App, einen Passkey oder ein Telefon ein.',
    },
    fileTitle: (product) => `Wiederherstellungscodes für ${product}`,
    fileAccount: (account) => `Konto: ${account}`,
    fileBody: 'Jeder Code meldet Sie einmal an. Bewahren Sie diese Datei sicher auf.',
    fileName: 'wiederherstellungscodes.txt',
    badDownload: {
      title: 'Nichts zum Herunterladen',
      body: 'Wiederherstellungscodes lassen sich nur auf der Seite herunterladen, die sie anzeigt. Erstellen Sie neue, falls Sie sie nicht gespeichert haben.',
    },
  },
  passkeys: {
    title: 'Passkey hinzufügen',
    intro:
      'Mit einem Passkey melden Sie sich per Fingerabdruck, Gesicht oder Geräte-PIN an. Er bleibt auf Ihrem Gerät oder in Ihrem Passwort-Manager.',
    nameLabel: 'Name',
    nameHint: 'Damit Sie Ihre Passkeys unterscheiden können, zum Beispiel „Arbeitslaptop“.',
    nameInvalid: (max) => `Geben Sie einen Namen mit 1 bis ${max} Zeichen ein`,
    start: 'Weiter',
    createTitle: 'Passkey erstellen',
    createIntro: 'Ihr Browser oder Gerät bittet Sie um eine Bestätigung. Folgen Sie den Schritten.',
    create: 'Passkey erstellen',
    needsScript:
      'Zum Hinzufügen eines Passkeys brauchen Sie JavaScript und einen Browser, der Passkeys unterstützt. Schalten Sie JavaScript ein oder verwenden Sie einen anderen Browser und laden Sie die Seite neu.',
    cancelled: 'Der Passkey wurde nicht erstellt. Sie können es erneut versuchen.',
    failed:
      'Der Passkey konnte nicht erstellt werden. Versuchen Sie es erneut oder verwenden Sie ein anderes Gerät.',
    exists: 'Dieses Gerät hat bereits einen Passkey für Ihr Konto.',
    rejected: 'Der Passkey konnte nicht hinzugefügt werden. Beginnen Sie neu.',
    manageTitle: (name) => `Passkey: ${name}`,
    details: (created, lastUsed) => `Hinzugefügt am ${created}. Zuletzt verwendet: ${lastUsed}.`,
    renameHeading: 'Umbenennen',
    renameLabel: 'Neuer Name',
    renameSubmit: 'Umbenennen',
    removeHeading: 'Entfernen',
    remove: {
      title: 'Diesen Passkey entfernen',
      body: 'Sie können sich damit nicht mehr anmelden. Die Kopie auf Ihrem Gerät bleibt dort, bis Sie sie selbst löschen.',
      confirmLabel: 'Mir ist bewusst, dass dieser Passkey nicht mehr funktioniert',
      submit: 'Passkey entfernen',
    },
  },
  phone: {
    title: 'Telefon hinzufügen',
    intro: 'Wir senden per SMS einen Code an diese Nummer. Mit dessen Eingabe bestätigen Sie die Nummer.',
    numberLabel: 'Mobilnummer',
    numberHint: 'Im internationalen Format: + und die Ländervorwahl, zum Beispiel +4915112345678.',
    send: 'Code senden',
    numberInvalid:
      'Geben Sie eine Mobilnummer im internationalen Format ein, beginnend mit + und der Ländervorwahl',
    exists: {
      title: 'Ein Telefon ist bereits eingerichtet',
      body: 'Um eine andere Nummer zu verwenden, entfernen Sie zuerst die aktuelle.',
    },
    tooSoon: 'Gerade wurde ein Code gesendet. Warten Sie einen Moment, bevor Sie einen neuen anfordern.',
    confirmTitle: 'Code eingeben',
    confirmIntro: 'Wir haben per SMS einen sechsstelligen Code an die eingegebene Nummer gesendet.',
    codeLabel: 'Code',
    codeHint: 'Die sechs Ziffern aus der SMS.',
    confirm: 'Bestätigen',
    codeMissing: 'Geben Sie den sechsstelligen Code aus der SMS ein',
    codeWrong:
      'Dieser Code stimmt nicht oder ist abgelaufen. Prüfen Sie die Nachricht oder fordern Sie einen neuen Code an.',
    notStarted: 'Es wartet kein Code. Geben Sie Ihre Nummer ein, um einen zu erhalten.',
    sendAgain: 'Neuen Code senden oder andere Nummer verwenden',
    remove: {
      title: 'Telefon entfernen',
      body: 'Per SMS gesendete Codes werden nicht mehr angenommen. Ist es Ihr einziger zweiter Faktor, genügt wieder das Passwort allein zur Anmeldung.',
      confirmLabel: 'Mir ist bewusst, dass SMS-Codes nicht mehr funktionieren',
      submit: 'Telefon entfernen',
    },
  },
  identities: {
    title: 'Verknüpfte Konten',
    intro: 'Konten bei anderen Diensten, mit denen Sie sich anmelden können.',
    caption: 'Ihre verknüpften Konten',
    provider: 'Dienst',
    email: 'E-Mail-Adresse',
    linkedAt: 'Verknüpft',
    lastUsed: 'Zuletzt verwendet',
    none: 'Es sind keine Konten verknüpft.',
    noEmail: 'Keine',
    unlink: 'Trennen',
    unlinkNamed: (provider) => `Verknüpfung mit ${provider} trennen`,
    linkHeading: 'Weiteres Konto verknüpfen',
    linkIntro: 'Sie werden zum Dienst weitergeleitet, melden sich dort an und kommen dann hierher zurück.',
    link: (provider) => `${provider} verknüpfen`,
    linked: (provider) => `${provider} ist verknüpft. Sie können sich jetzt damit anmelden.`,
    unlinked: 'Die Verknüpfung ist getrennt.',
    inUse: {
      title: 'Dieses Konto ist bereits mit jemand anderem verknüpft',
      body: 'Jedes Konto bei einem Dienst lässt sich nur mit einer Person verknüpfen. Melden Sie sich dort mit einem anderen Konto an oder trennen Sie es zuerst von der anderen Person.',
    },
    linkFailed: {
      title: 'Die Verknüpfung hat nicht funktioniert',
      body: 'Der Dienst hat die Verknüpfung nicht bestätigt. Versuchen Sie es erneut.',
    },
    lastMethod: {
      title: 'Das ist Ihre einzige Anmeldemöglichkeit',
      body: 'Legen Sie zuerst ein Passwort fest oder fügen Sie einen Passkey hinzu, damit Sie sich nach dem Trennen noch anmelden können.',
    },
    unlinkConfirm: {
      title: (provider) => `Verknüpfung mit ${provider} trennen`,
      body: (provider) =>
        `Sie können sich dann nicht mehr mit ${provider} anmelden. Sie können das Konto später erneut verknüpfen.`,
      confirmLabel: 'Mir ist bewusst, dass ich mich damit nicht mehr anmelden kann',
      submit: 'Trennen',
    },
  },
  tokens: {
    title: 'Persönliche Zugriffstokens',
    intro:
      'Mit einem Token kann ein Skript oder ein Werkzeug ohne Ihr Passwort in Ihrem Namen handeln. Es darf nur, was seine Berechtigungen erlauben.',
    caption: 'Ihre Tokens',
    name: 'Name',
    scopes: 'Berechtigungen',
    created: 'Erstellt',
    expires: 'Läuft ab',
    lastUsed: 'Zuletzt verwendet',
    noExpiry: 'Nie',
    none: 'Sie haben keine Tokens.',
    revoke: 'Widerrufen',
    revokeNamed: (name) => `Token ${name} widerrufen`,
    createHeading: 'Token erstellen',
    nameLabel: 'Name',
    nameHint: 'Wofür es gedacht ist, zum Beispiel „CI-Deployments“.',
    scopesLegend: 'Berechtigungen',
    scopesHint: 'Wählen Sie, was das Token darf. Wählen Sie mindestens eine aus.',
    scopeNames: {
      profileRead: 'Ihr Profil lesen',
      profileWrite: 'Ihr Profil ändern',
      adminRead: 'Die Admin-API lesen',
      adminWrite: 'Die Admin-API nutzen, auch für Änderungen',
    },
    otherScopesLabel: 'Weitere Berechtigungen',
    otherScopesHint:
      'Von einer App festgelegte Berechtigungen, durch Leerzeichen getrennt, zum Beispiel „invoices:read“.',
    expiresLabel: 'Läuft ab am',
    expiresHint:
      'Das Token funktioniert bis zum Ende dieses Tages (UTC). Lassen Sie das Feld leer für ein Token, das bis zum Widerruf gilt.',
    expiresHintLimited: (days) =>
      `Das Token funktioniert bis zum Ende dieses Tages (UTC), höchstens ${days} Tage ab heute. Bleibt das Feld leer, gilt es ${days} Tage.`,
    submit: 'Token erstellen',
    nameInvalid: 'Geben Sie einen Namen mit 1 bis 100 Zeichen ein',
    scopesMissing: 'Wählen Sie mindestens eine Berechtigung aus',
    scopesInvalid:
      'Berechtigungen bestehen nur aus Buchstaben, Ziffern und _ . : * / -, beginnen mit einem Buchstaben oder einer Ziffer und kommen nur einmal vor',
    expiresInvalid: 'Geben Sie ein Datum in der Zukunft ein',
    expiresTooFar: (days) => `Geben Sie ein Datum höchstens ${days} Tage ab heute ein`,
    limitReached: 'Sie haben die zulässige Zahl an Tokens erreicht. Widerrufen Sie zuerst eines.',
    adminNotAllowed: 'Nur Operatoren können Tokens mit einer Admin-Berechtigung erstellen.',
    adminNeedsMfa: 'Tokens mit einer Admin-Berechtigung erfordern eine Anmeldung mit zweitem Faktor.',
    createdTitle: 'Ihr neues Token',
    createdIntro:
      'Kopieren Sie das Token jetzt und bewahren Sie es sicher auf. Es wird nur dieses eine Mal angezeigt.',
    tokenLabel: 'Token',
    tokenCopy: {
      copy: 'Token kopieren',
      copied: 'Das Token ist kopiert.',
      copyFailed: 'Kopieren hat nicht funktioniert: Markieren Sie das Token und kopieren Sie es von Hand.',
    },
    back: 'Zurück zu Ihren Tokens',
    revoked: 'Das Token ist widerrufen.',
    revokeConfirm: {
      title: (name) => `Token ${name} widerrufen`,
      body: 'Alles, was dieses Token verwendet, funktioniert sofort nicht mehr. Das lässt sich nicht rückgängig machen.',
      confirmLabel: 'Mir ist bewusst, dass das Token nicht mehr funktioniert',
      submit: 'Token widerrufen',
    },
  },
};

/** Every language's strings for the security pages. */
export const accountSecurityStrings: Readonly<Record<Locale, AccountSecurityStrings>> = { en, de };

/** The security pages' strings in the page's language. */
export function accountSecurityStringsFor(view: Pick<PageView, 'locale'>): AccountSecurityStrings {
  return accountSecurityStrings[view.locale];
}
