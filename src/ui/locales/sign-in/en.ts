/**
 * The sign-in area's strings (`/sign-in…`, `/sign-up`, `/sign-out`): the interfaces and the
 * English text — the sign-in page with its other ways in, the second step, the emailed code,
 * sign-up with its password rules, and signing out. Strings that take values are functions, so
 * each language places them where its grammar needs. Text only — the templates escape it.
 */

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
    /** The heading and line of the sign-in page when it signs in to the admin console. */
    readonly consoleTitle: string;
    readonly consoleIntro: string;
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
    /** The console's sign-in refused someone who is not one of its members. */
    readonly notOperator: string;
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

export const en: SignInStrings = {
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
    consoleTitle: 'Sign in to the admin console',
    consoleIntro: 'For the operators of this service. Sign in with your own account.',
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
    notOperator: 'This account is not an operator of this service, so it cannot use the admin console.',
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
