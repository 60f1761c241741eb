/** English strings for every mail, in one place. `{appName}` and `{email}` are filled in. */
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
} as const;

export type TemplateName = keyof typeof en;
export type MailStrings = (typeof en)[TemplateName];
