/**
 * English strings for every mail, in one place; the shape every other locale must match
 * (`MailTexts`, `MailPhrases`). Placeholders in braces are filled in: `{appName}` and `{email}`
 * always, others as each mail provides them (listed per template in docs/mail.md). A template
 * without `action` has no button.
 */

/** The words of one mail. */
interface TemplateStrings {
  readonly subject: string;
  readonly heading: string;
  readonly body: string;
  /** The button's label; a mail without one has no button. */
  readonly action?: string;
  readonly footer: string;
}

export const en = {
  'verify-email': {
    subject: 'Confirm your email address',
    heading: 'Confirm your email address',
    body: 'Someone (hopefully you) created an account for {email}. Confirm the address to finish.',
    action: 'Confirm email address',
    footer: 'If you did not sign up, ignore this mail: nothing happens without the link.',
  },
  'reset-password': {
    subject: 'Reset your password',
    heading: 'Reset your password',
    body: 'Someone asked to reset the password of the account for {email}. The link works once, for one hour.',
    action: 'Choose a new password',
    footer: 'If you did not ask for this, ignore this mail: your password stays as it is.',
  },
  'set-password': {
    subject: 'Your account is ready: choose a password',
    heading: 'Choose your password',
    body: 'An administrator created an account for {email}. Choose a password to start using it. The link works once, for three days.',
    action: 'Choose a password',
    footer:
      'If you did not expect this account, ignore this mail: nobody can sign in with it until a password is chosen.',
  },
  'confirm-email-change': {
    subject: 'Confirm your new email address',
    heading: 'Confirm your new email address',
    body: 'Someone (hopefully you) asked to move the account for {oldEmail} to this address, {email}. The address changes only when you follow the link.',
    action: 'Confirm the new address',
    footer: 'If you did not ask for this, ignore this mail: nothing changes without the link.',
  },
  'email-change-requested': {
    subject: 'Your email address is about to change',
    heading: 'Your email address is about to change',
    body: 'Someone asked to move the account for {email} to {newEmail}. It changes when the link sent to the new address is followed.',
    action: 'This was not me: cancel the change',
    footer: 'If it was you, there is nothing to do here.',
  },
  'email-change-address-taken': {
    subject: 'Someone tried to move an account to your address',
    heading: 'This address already has an account',
    body: 'Someone (hopefully you) asked on {time} (UTC) to move another account to {email}, but this address already belongs to an account here. Nothing was changed.',
    action: 'Forgot your password? Reset it',
    footer: 'If it was not you, there is nothing to do: your account is as it was.',
  },
  'email-changed': {
    subject: 'Your email address was changed',
    heading: 'Your email address was changed',
    body: 'The account that used {email} now uses {newEmail}, and its other sessions were signed out.',
    action: 'This was not me: undo the change',
    footer:
      'The undo link works for 7 days. It moves the account back to {email} and signs every session out.',
  },
  'password-changed': {
    subject: 'Your password was changed',
    heading: 'Your password was changed',
    body: 'The password of the account for {email} was changed on {time} (UTC).',
    action: 'This was not me: reset the password',
    footer: 'If it was you, there is nothing to do.',
  },
  'new-sign-in': {
    subject: 'New sign-in to your account',
    heading: 'New sign-in from {device}',
    body: 'The account for {email} was signed in to from {device} (IP address {ip}) on {time} (UTC).',
    action: 'This was not me: reset the password',
    footer:
      'If it was you, there is nothing to do. You can see and end your sessions in your account settings.',
  },
  'sign-up-attempt': {
    subject: 'Someone tried to sign up with your address',
    heading: 'You already have an account',
    body: 'Someone (hopefully you) tried to create an account for {email} on {time} (UTC), but this address already has one. Nothing was changed.',
    action: 'Forgot your password? Reset it',
    footer: 'If it was not you, there is nothing to do: your account is as it was.',
  },
  'username-unavailable': {
    subject: 'Your sign-up did not go through',
    heading: 'That username is not available',
    body: 'Someone (hopefully you) tried to create an account with a username and this address, {email}, on {time} (UTC), but that username is taken or reserved. No account was created.',
    footer: 'Sign up again with another username. If it was not you, there is nothing to do.',
  },
  'account-deleted': {
    subject: 'Your account was deleted',
    heading: 'Your account was deleted',
    body: 'The account for {email} was deleted on {time} (UTC). {restoreNote}',
    footer: 'If you did not do this, contact us as soon as you can.',
  },
  'mfa-factor-added': {
    subject: 'A sign-in method was added to your account',
    heading: 'A sign-in method was added',
    body: '{factor} was added to the account for {email} on {time} (UTC).',
    action: 'This was not me: reset the password',
    footer: 'If it was you, there is nothing to do.',
  },
  'mfa-factor-removed': {
    subject: 'A sign-in method was removed from your account',
    heading: 'A sign-in method was removed',
    body: '{factor} was removed from the account for {email} on {time} (UTC).',
    action: 'This was not me: reset the password',
    footer: 'If it was you, there is nothing to do.',
  },
  'mfa-reset': {
    subject: 'Your two-step sign-in was reset',
    heading: 'Your two-step sign-in was reset',
    body: 'An administrator removed every second factor (authenticator app, passkeys, phone, recovery codes) from the account for {email} on {time} (UTC), and signed out every session.',
    footer:
      'Sign in with your password and set up a second factor again. If you did not ask for this, contact us.',
  },
  'recovery-codes-low': {
    subject: 'You are running out of recovery codes',
    heading: 'Only {remaining} recovery codes left',
    body: 'A recovery code of the account for {email} was used on {time} (UTC); {remaining} unused codes remain. Make a new set in your account settings before they run out.',
    footer:
      'If you did not use a recovery code, someone may have them: make a new set and change your password.',
  },
  'magic-link': {
    subject: 'Your sign-in link',
    heading: 'Sign in to {appName}',
    body: 'Someone (hopefully you) asked to sign in as {email}. The link works once, for {minutes} minutes.',
    action: 'Sign in',
    footer: 'If you did not ask for this, ignore this mail: nobody can sign in without the link.',
  },
  'email-code': {
    subject: 'Your sign-in code',
    heading: 'Your sign-in code is {code}',
    body: 'Someone (hopefully you) asked to sign in as {email}. Enter {code} where you asked for it. The code works once, for {minutes} minutes.',
    footer:
      'If you did not ask for this, ignore this mail and never tell anyone the code: nobody can sign in without it.',
  },
  invitation: {
    subject: 'You are invited to {invitedApp}',
    heading: 'Join {invitedApp}',
    body: 'You are invited to join {invitedApp} as {role}, with this address, {email}. The link works once, for {validFor}.',
    action: 'Accept the invitation',
    footer: 'If you do not know what this is about, ignore this mail: nothing happens without the link.',
  },
  'impersonation-started': {
    subject: 'An administrator is acting on your account',
    heading: 'An administrator is acting on your account',
    body: 'On {time} (UTC) an administrator started a session as the account for {email}, until {until} (UTC) at the latest. The reason they gave: {reason}',
    footer:
      'Everything done in that session is recorded, and it cannot change your password, address or sign-in methods. If you did not expect this, contact us.',
  },
} as const satisfies Readonly<Record<string, TemplateStrings>>;

export type TemplateName = keyof typeof en;
export type MailStrings = (typeof en)[TemplateName];

/**
 * A locale's mails: every template of `en` with exactly its parts (a button where English has
 * one), so a missing template or part fails the type check.
 */
export type MailTexts = {
  readonly [T in TemplateName]: { readonly [P in keyof (typeof en)[T]]: string };
};

/**
 * Words a service puts into a placeholder, by placeholder and the key the service passes as its
 * value (`factor: 'totp'`); a value that is no key here is used as it is (an IP address). A
 * phrase may hold the mail's other placeholders.
 */
export const enPhrases = {
  factor: {
    totp: 'An authenticator app',
    passkey: 'A passkey',
    sms: 'A phone number for text-message codes',
    recovery_code: 'A new set of recovery codes',
  },
  restoreNote: {
    restorable:
      'It can be restored until {restoreUntil} (UTC) by contacting us; after that everything it holds is erased.',
    erased: 'Everything it held has been erased.',
  },
  validFor: {
    days: '{validCount} days',
    hours: '{validCount} hours',
    minutes: '{validCount} minutes',
  },
  ip: { unknown: 'unknown' },
} as const;

/** A locale's phrases: every phrase of `enPhrases`. */
export type MailPhrases = {
  readonly [N in keyof typeof enPhrases]: { readonly [K in keyof (typeof enPhrases)[N]]: string };
};

/** The key of a phrase for placeholder `N`, as a service passes it. */
export type PhraseKey<N extends keyof typeof enPhrases> = keyof (typeof enPhrases)[N] & string;
