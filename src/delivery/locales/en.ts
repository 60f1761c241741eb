/** English strings for every mail, in one place. `{appName}` and `{email}` are filled in. */
export const en = {
  'verify-email': {
    subject: 'Confirm your email address',
    heading: 'Confirm your email address',
    body: 'Someone (hopefully you) created an account for {email}. Confirm the address to finish.',
    action: 'Confirm email address',
    footer: 'If you did not sign up, ignore this mail: nothing happens without the link.',
  },
} as const;

export type TemplateName = keyof typeof en;
export type MailStrings = (typeof en)[TemplateName];
