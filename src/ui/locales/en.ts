/**
 * English strings for every page, in one place: a translation is another object of the same
 * `PageStrings` type. Strings that take values are functions, so a translation can place them
 * where its grammar needs them. Text only — the templates escape it.
 */

/** A bad-link message: what happened, and what to do now. */
export interface LinkProblemStrings {
  readonly title: string;
  readonly body: string;
}

/** A finished action's page. */
export interface ResultStrings {
  readonly title: string;
  readonly body: string;
}

export interface PageStrings {
  /** The `lang` attribute of every page. */
  readonly lang: string;
  readonly layout: {
    /** The document title: the page's title and the product name. */
    readonly documentTitle: (page: string, product: string) => string;
    readonly skipToContent: string;
    readonly signOut: string;
  };
  readonly form: {
    readonly errorSummaryTitle: string;
    readonly required: string;
    /** Why a new password was refused. */
    readonly passwordTooShort: (minLength: number) => string;
    readonly passwordTooLong: (maxLength: number) => string;
    readonly passwordRefused: string;
  };
  /** The messages for a mailed link that cannot be used, by reason. */
  readonly link: {
    readonly invalid: LinkProblemStrings;
    readonly expired: LinkProblemStrings;
    readonly used: LinkProblemStrings;
  };
  readonly verifyEmail: {
    readonly title: string;
    readonly intro: string;
    readonly submit: string;
    readonly done: ResultStrings;
    readonly nextStep: string;
  };
  readonly forgotPassword: {
    readonly title: string;
    readonly intro: string;
    readonly emailLabel: string;
    readonly emailInvalid: string;
    readonly submit: string;
    readonly sent: ResultStrings;
    readonly nextStep: string;
  };
  readonly resetPassword: {
    readonly title: string;
    readonly intro: string;
    readonly passwordLabel: string;
    readonly passwordHint: (minLength: number) => string;
    readonly submit: string;
    readonly done: ResultStrings;
    readonly newLink: string;
  };
  readonly confirmEmailChange: {
    readonly title: string;
    readonly intro: string;
    readonly submit: string;
    readonly done: ResultStrings;
    readonly taken: LinkProblemStrings;
    readonly nextStep: string;
  };
  readonly cancelEmailChange: {
    readonly title: string;
    readonly intro: string;
    readonly submit: string;
    readonly cancelled: ResultStrings;
    readonly undone: ResultStrings;
    readonly taken: LinkProblemStrings;
    readonly nextStep: string;
    readonly resetLink: string;
  };
  readonly magicLink: {
    readonly title: string;
    readonly intro: string;
    readonly submit: string;
    readonly done: ResultStrings;
    readonly disabled: LinkProblemStrings;
    readonly nextStep: string;
  };
  readonly acceptInvitation: {
    readonly title: string;
    readonly intro: string;
    readonly nameLabel: string;
    readonly nameRefused: string;
    readonly passwordLabel: string;
    readonly passwordHint: (minLength: number) => string;
    readonly submit: string;
    /** A new account was made and signed in. */
    readonly joined: ResultStrings;
    /** An existing account joined the app; it signs in as usual. */
    readonly member: ResultStrings;
    readonly inactive: LinkProblemStrings;
    readonly nextStep: string;
  };
  /** Pages for requests the server refuses before any page handles them. */
  readonly errors: {
    readonly crossSite: LinkProblemStrings;
    /** The form's CSRF token no longer matches (another tab signed in or out, cookies cleared). */
    readonly formExpired: LinkProblemStrings;
    readonly badForm: LinkProblemStrings;
    readonly tooLarge: LinkProblemStrings;
    readonly rateLimited: LinkProblemStrings;
    readonly unavailable: LinkProblemStrings;
    readonly methodNotAllowed: LinkProblemStrings;
    /** Any other refusal. */
    readonly refused: LinkProblemStrings;
    readonly internal: (requestId: string) => LinkProblemStrings;
  };
}

export const en: PageStrings = {
  lang: 'en',
  layout: {
    documentTitle: (page, product) => `${page} – ${product}`,
    skipToContent: 'Skip to content',
    signOut: 'Sign out',
  },
  form: {
    errorSummaryTitle: 'There is a problem',
    required: 'required',
    passwordTooShort: (minLength) => `Use at least ${minLength} characters`,
    passwordTooLong: (maxLength) => `Use at most ${maxLength} characters`,
    passwordRefused: 'This password is too common or has appeared in a data breach; choose another',
  },
  link: {
    invalid: {
      title: 'This link does not work',
      body: 'The link may be incomplete — open it straight from the mail, or copy all of it — or a newer link may have replaced it.',
    },
    expired: {
      title: 'This link has expired',
      body: 'Links in our mails work for a limited time only.',
    },
    used: {
      title: 'This link was already used',
      body: 'Each link works once. If you used it already, there is nothing more to do here.',
    },
  },
  verifyEmail: {
    title: 'Confirm your email address',
    intro: 'Confirm that this address is yours to finish setting up your account.',
    submit: 'Confirm email address',
    done: {
      title: 'Your email address is confirmed',
      body: 'Thank you. You can close this page and go back to where you signed up.',
    },
    nextStep: 'To get a new link, sign in where you created the account and ask for a new confirmation mail.',
  },
  forgotPassword: {
    title: 'Forgot your password?',
    intro: 'Enter the email address of your account, and we will mail you a link to choose a new password.',
    emailLabel: 'Email address',
    emailInvalid: 'Enter an email address, like name@example.com',
    submit: 'Send the link',
    sent: {
      title: 'Check your mail',
      body: 'If an account uses that address, a link to choose a new password is on its way. It works once, for a limited time. No mail after a few minutes? Check the spam folder, or try again.',
    },
    nextStep: 'Ask for a new link',
  },
  resetPassword: {
    title: 'Choose a new password',
    intro:
      'Choose the password you will sign in with from now on. Every device signed in to your account will be signed out.',
    passwordLabel: 'New password',
    passwordHint: (minLength) => `At least ${minLength} characters. A few unrelated words make a strong one.`,
    submit: 'Set the new password',
    done: {
      title: 'Your password is changed',
      body: 'Every device that was signed in to your account is signed out. Sign in with your new password.',
    },
    newLink: 'Ask for a new link',
  },
  confirmEmailChange: {
    title: 'Confirm your new email address',
    intro: 'Confirm to move your account to this address. You will then sign in with it.',
    submit: 'Confirm the new address',
    done: {
      title: 'Your email address is changed',
      body: 'Your account now uses this address. Every device that was signed in is signed out; sign in with the new address.',
    },
    taken: {
      title: 'This address is taken',
      body: 'Another account uses this address now, so your account keeps its old one.',
    },
    nextStep: 'To try again, sign in and ask to change your address once more.',
  },
  cancelEmailChange: {
    title: 'Keep your email address',
    intro:
      'Use this if you did not ask to change the email address of your account: it keeps this address, or gets it back.',
    submit: 'Keep my email address',
    cancelled: {
      title: 'The change is cancelled',
      body: 'Your account keeps this email address, and the link sent to the other address no longer works. If you did not ask for the change, someone may know your password: choose a new one.',
    },
    undone: {
      title: 'Your email address is restored',
      body: 'The change was undone: your account uses this email address again, and every device that was signed in to it is signed out. If you did not ask for the change, someone may know your password: choose a new one.',
    },
    taken: {
      title: 'This address is taken',
      body: 'Another account uses this address now, so the change could not be undone.',
    },
    nextStep:
      'If someone else changed your address, choose a new password and contact the service’s support.',
    resetLink: 'Choose a new password',
  },
  magicLink: {
    title: 'Sign in',
    intro: 'Sign in with the link from your mail. It works once.',
    submit: 'Sign in',
    done: {
      title: 'You are signed in',
      body: 'You can close this page and go back to where you asked for the link.',
    },
    disabled: {
      title: 'Sign-in by link is off',
      body: 'This service does not offer sign-in by email link.',
    },
    nextStep: 'To get a new link, ask for one where you asked for this one.',
  },
  acceptInvitation: {
    title: 'Accept your invitation',
    intro:
      'Accept the invitation from your mail. It works once. If this address has no account yet, one is made for you.',
    nameLabel: 'Your name (optional)',
    nameRefused: 'Use at most 200 characters, without line breaks or other control characters',
    passwordLabel: 'Password for a new account (optional)',
    passwordHint: (minLength) =>
      `At least ${minLength} characters. Already have an account? Leave this empty and sign in as usual afterwards. No password now? Sign in later with a link by mail, or set one with “Forgot your password?”.`,
    submit: 'Accept the invitation',
    joined: {
      title: 'Welcome',
      body: 'Your account is ready and you are signed in. You can close this page and go back to the app.',
    },
    member: {
      title: 'You have joined',
      body: 'Your account is now a member. Sign in to the app as usual.',
    },
    inactive: {
      title: 'This app is not available',
      body: 'The app you were invited to is switched off. Ask whoever invited you.',
    },
    nextStep: 'To get a new invitation, ask whoever invited you.',
  },
  errors: {
    crossSite: {
      title: 'This form came from another site',
      body: 'For your safety, forms here are accepted only from this site. Open the link from the mail again and send the form from there.',
    },
    formExpired: {
      title: 'This form has expired',
      body: 'You signed in or out in another tab, or your cookies were cleared, since the form was shown. Go back, load the page again and send it once more.',
    },
    badForm: {
      title: 'The form could not be read',
      body: 'Open the link from the mail again and send the form from there.',
    },
    tooLarge: {
      title: 'The form is too large',
      body: 'Open the link from the mail again and send the form from there.',
    },
    rateLimited: {
      title: 'Too many attempts',
      body: 'Wait a little, then try again.',
    },
    unavailable: {
      title: 'Not available right now',
      body: 'The service cannot handle this right now. Try again in a few minutes.',
    },
    methodNotAllowed: {
      title: 'This page cannot do that',
      body: 'Open the link from the mail again.',
    },
    refused: {
      title: 'This could not be done',
      body: 'Open the link from the mail again, or ask for a new one.',
    },
    internal: (requestId) => ({
      title: 'Something went wrong',
      body: `Something went wrong on our side. Try again later; if it keeps happening, mention request ${requestId} to support.`,
    }),
  },
};
