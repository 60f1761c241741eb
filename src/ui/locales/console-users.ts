/**
 * The admin console's users area (`/console`, `/console/users…`), English and German: the
 * console navigation, the console's refusal pages (not an operator, second factor needed,
 * impersonating, role too narrow), the impersonation banner, the users table and its filters,
 * creating a user, a user's page with every action, the confirmation page, and the messages
 * after each action or refusal. Strings that take values are functions, so each language places
 * them where its grammar needs.
 */
import type { Locale } from '../../core/locale.js';
import type { PageView } from '../../http/route.js';

/** A message in two parts: what happened, and what it means. */
export interface ConsoleMessage {
  readonly title: string;
  readonly body: string;
}

type UserStatusName = 'active' | 'suspended' | 'revoked' | 'deleted';
type StatusActionName = 'suspend' | 'reactivate' | 'revoke' | 'delete' | 'restore' | 'purge';
type ConfirmName =
  | 'suspend'
  | 'revoke'
  | 'delete'
  | 'purge'
  | 'reset-mfa'
  | 'end-sessions'
  | 'revoke-tokens'
  | 'remove-membership'
  | 'impersonate';
/** Refusals an operator can act on (the codes of `user-actions.ts`). */
type RefusalCode =
  | 'LAST_ADMIN'
  | 'CANNOT_ACT_ON_SELF'
  | 'USER_REVOKED'
  | 'USER_SUSPENDED'
  | 'USER_NOT_ACTIVE'
  | 'USER_NOT_DELETED'
  | 'CANNOT_IMPERSONATE_OPERATOR'
  | 'NOT_A_MEMBER'
  | 'APP_INACTIVE'
  | 'APP_NOT_FOUND'
  | 'ROLE_NOT_FOUND'
  | 'PLAN_NOT_FOUND'
  | 'MEMBERSHIP_NOT_FOUND'
  | 'EMAIL_REQUIRED_FOR_PAID'
  | 'EMAIL_ALREADY_VERIFIED'
  | 'EMAIL_MISSING'
  | 'RATE_LIMITED'
  | 'INSUFFICIENT_PERMISSION';

export interface ConsoleUsersStrings {
  readonly nav: {
    /** The navigation landmark's name. */
    readonly label: string;
    readonly users: string;
    readonly apps: string;
    readonly audit: string;
    readonly stats: string;
  };
  readonly refusals: {
    readonly notOperator: ConsoleMessage & { readonly account: string };
    readonly mfaRequired: ConsoleMessage & { readonly addFactor: string };
    readonly impersonating: ConsoleMessage & { readonly end: string };
    readonly insufficient: ConsoleMessage & { readonly back: string };
    readonly signInAgain: string;
  };
  readonly impersonation: {
    readonly bannerTitle: string;
    readonly bannerBody: (who: string, until: string) => string;
    readonly end: string;
    readonly endTitle: string;
    readonly endBody: (who: string) => string;
  };
  readonly common: {
    readonly yes: string;
    readonly no: string;
    readonly none: string;
    readonly never: string;
    readonly unknown: string;
    readonly backToList: string;
    readonly backToUser: string;
    readonly errorSummaryTitle: string;
  };
  readonly status: Readonly<Record<UserStatusName, string>>;
  readonly list: {
    readonly title: string;
    readonly searchLabel: string;
    readonly searchHint: string;
    readonly filtersLegend: string;
    readonly statusLabel: string;
    readonly anyStatus: string;
    readonly appLabel: string;
    readonly anyApp: string;
    readonly roleLabel: string;
    readonly planLabel: string;
    readonly verifiedLabel: string;
    readonly mfaLabel: string;
    readonly any: string;
    readonly submit: string;
    readonly clear: string;
    readonly create: string;
    readonly purged: string;
    readonly resultsHeading: string;
    readonly caption: string;
    readonly columns: {
      readonly user: string;
      readonly name: string;
      readonly status: string;
      readonly verified: string;
      readonly mfa: string;
      readonly created: string;
    };
    readonly noAddress: string;
    readonly empty: string;
    readonly emptyFiltered: string;
    readonly emptyPage: string;
    readonly pagesLabel: string;
    readonly first: string;
    readonly next: string;
    readonly invalid: {
      readonly status: string;
      readonly flag: string;
      readonly appForRole: string;
      readonly app: string;
      readonly query: string;
      readonly role: string;
      readonly plan: string;
      readonly cursor: string;
    };
  };
  readonly create: {
    readonly title: string;
    readonly emailLabel: string;
    readonly emailHint: string;
    readonly usernameLabel: string;
    readonly usernameHint: string;
    readonly nameLabel: string;
    readonly displayNameLabel: string;
    readonly verifiedLabel: string;
    readonly verifiedHint: string;
    readonly passwordLegend: string;
    readonly mailLink: string;
    readonly setPassword: string;
    readonly passwordLabel: string;
    readonly passwordHint: (minLength: number) => string;
    readonly appsLegend: string;
    readonly appsHint: string;
    readonly noApps: string;
    readonly submit: string;
    readonly invalid: {
      readonly emailOrUsername: string;
      readonly email: string;
      readonly emailTaken: string;
      readonly username: string;
      readonly usernameTaken: string;
      readonly name: string;
      readonly passwordMissing: string;
      readonly linkNeedsAddress: string;
      readonly apps: string;
      readonly paidNeedsAddress: string;
    };
  };
  readonly detail: {
    readonly notFound: ConsoleMessage;
    readonly profile: {
      readonly heading: string;
      readonly id: string;
      readonly email: string;
      readonly username: string;
      readonly name: string;
      readonly displayName: string;
      readonly status: string;
      readonly verified: string;
      readonly password: string;
      readonly passwordSince: (date: string) => string;
      readonly noPassword: string;
      readonly created: string;
      readonly updated: string;
      readonly deleted: string;
      readonly restorableUntil: string;
    };
    readonly status: {
      readonly heading: string;
      readonly intro: Readonly<Record<UserStatusName, string>>;
      readonly buttons: Readonly<Record<StatusActionName, string>>;
    };
    readonly edit: {
      readonly heading: string;
      readonly nameLabel: string;
      readonly displayNameLabel: string;
      readonly verifiedLabel: string;
      readonly verifiedHint: string;
      readonly submit: string;
    };
    readonly email: {
      readonly heading: string;
      readonly intro: string;
      readonly label: string;
      readonly reverifyLabel: string;
      readonly reverifyHint: string;
      readonly submit: string;
    };
    readonly links: {
      readonly heading: string;
      readonly intro: (email: string) => string;
      readonly sendVerification: string;
      readonly sendReset: string;
    };
    readonly factors: {
      readonly heading: string;
      readonly totp: string;
      readonly passkeys: string;
      readonly phone: string;
      readonly recoveryCodes: string;
      readonly onSince: (date: string) => string;
      readonly off: string;
      readonly passkey: (name: string, added: string) => string;
      readonly codesLeft: (count: number) => string;
      readonly reset: string;
    };
    readonly identities: {
      readonly heading: string;
      readonly none: string;
      readonly provider: string;
      readonly email: string;
      readonly linked: string;
      readonly lastUsed: string;
    };
    readonly apps: {
      readonly heading: string;
      readonly none: string;
      readonly app: string;
      readonly roles: string;
      readonly plan: string;
      readonly permissions: string;
      readonly joined: string;
      readonly changeAt: (app: string) => string;
      readonly rolesAt: (app: string) => string;
      readonly planAt: (app: string) => string;
      readonly permissionsAt: (app: string) => string;
      readonly permissionsHint: string;
      readonly endSessions: string;
      readonly endSessionsHint: string;
      readonly save: string;
      readonly remove: string;
      readonly addHeading: string;
      readonly addApp: string;
      readonly chooseApp: string;
      readonly addRole: string;
      readonly addRoleHint: string;
      readonly addPlan: string;
      readonly addPlanHint: string;
      readonly add: string;
    };
    readonly sessions: {
      readonly heading: string;
      readonly none: string;
      readonly device: string;
      readonly app: string;
      readonly ip: string;
      readonly signedIn: string;
      readonly lastUsed: string;
      readonly level: string;
      readonly action: string;
      readonly aal1: string;
      readonly aal2: string;
      readonly impersonatedBy: (operatorId: string) => string;
      readonly end: string;
      readonly endNamed: (device: string, lastUsed: string) => string;
      readonly endAll: string;
    };
    readonly tokens: {
      readonly heading: string;
      readonly none: string;
      readonly name: string;
      readonly scopes: string;
      readonly app: string;
      readonly created: string;
      readonly expires: string;
      readonly lastUsed: string;
      readonly action: string;
      readonly noExpiry: string;
      readonly revoke: string;
      readonly revokeAll: string;
    };
    readonly impersonate: {
      readonly heading: string;
      readonly intro: (minutes: number) => string;
      readonly start: string;
    };
    readonly events: {
      readonly heading: string;
      readonly none: string;
      readonly all: string;
      readonly when: string;
      readonly type: string;
      readonly outcome: string;
      readonly actor: string;
      readonly via: string;
      readonly success: string;
      readonly failure: string;
      readonly byUser: string;
      readonly byCli: string;
    };
    readonly invalid: {
      readonly emailMissing: string;
      readonly email: string;
      readonly emailTaken: string;
      readonly name: string;
      readonly roles: string;
      readonly plan: string;
      readonly permissions: string;
      readonly appMissing: string;
    };
  };
  readonly confirm: {
    readonly unknown: ConsoleMessage;
    readonly titles: Readonly<Record<ConfirmName, (who: string) => string>>;
    readonly consequences: Readonly<Record<'suspend' | 'revoke' | 'delete' | 'purge' | 'reset-mfa', string>>;
    readonly removeMembership: (app: string) => string;
    readonly endSessions: (count: number) => string;
    readonly revokeTokens: (count: number) => string;
    readonly impersonate: (minutes: number) => string;
    readonly reasonLabel: string;
    readonly reasonHint: string;
    readonly appLabel: string;
    readonly appHint: string;
    readonly defaultApp: string;
    readonly buttons: Readonly<Record<ConfirmName, string>>;
    readonly cancel: string;
    readonly notConfirmed: string;
    readonly invalid: {
      readonly reasonMissing: string;
      readonly reasonTooLong: (max: number) => string;
    };
  };
  /** After an action, on the user's page (`role="status"`). */
  readonly done: {
    readonly created: string;
    readonly createdLinkSent: (email: string) => string;
    readonly edit: string;
    readonly nothingChanged: string;
    readonly setEmail: string;
    readonly suspend: string;
    readonly reactivate: string;
    readonly revoke: string;
    readonly statusUnchanged: string;
    readonly delete: (restorableUntil: string) => string;
    readonly restore: (status: string) => string;
    readonly 'end-session': string;
    readonly endSessions: (count: number) => string;
    readonly 'reset-mfa': string;
    readonly 'send-verification': string;
    readonly 'send-password-reset': string;
    readonly setMembership: string;
    readonly joined: string;
    readonly 'remove-membership': string;
    readonly 'revoke-token': string;
    readonly revokeTokens: (count: number) => string;
  };
  /** Why an action was refused, by the operation's code. */
  readonly refused: Readonly<Record<RefusalCode, string>> & {
    /** A session or token that ended or was revoked meanwhile. */
    readonly itemGone: string;
    readonly unknownAction: string;
  };
}

const plural = (count: number, one: string, other: string) => (count === 1 ? one : other);

const en: ConsoleUsersStrings = {
  nav: { label: 'Console', users: 'Users', apps: 'Apps', audit: 'Audit log', stats: 'Stats' },
  refusals: {
    notOperator: {
      title: 'The console is for operators',
      body: 'The account you are signed in with is not an operator of this installation, or you signed in to an app rather than to the console. An administrator can invite you as an operator.',
      account: 'Go to your account',
    },
    mfaRequired: {
      title: 'The console needs a second factor',
      body: 'You signed in without a second factor. Operators must use one: set up an authenticator app or a passkey, then sign in again with it.',
      addFactor: 'Set up a second factor',
    },
    impersonating: {
      title: 'You are signed in as a user',
      body: 'This browser is using a session an operator started as a user. End it to return to the console as yourself.',
      end: 'End impersonation',
    },
    insufficient: {
      title: 'Your role does not allow this',
      body: 'Your operator role does not include the permission this needs. An administrator can give it to you.',
      back: 'Back to the users',
    },
    signInAgain: 'Sign out and sign in again',
  },
  impersonation: {
    bannerTitle: 'Impersonation',
    bannerBody: (who, until) =>
      `You are using ${who}’s account as an operator, until ${until}. Everything you do is recorded as yours.`,
    end: 'End impersonation',
    endTitle: 'End impersonation',
    endBody: (who) => `End the session as ${who} and return to the console.`,
  },
  common: {
    yes: 'Yes',
    no: 'No',
    none: 'None',
    never: 'Never',
    unknown: 'Unknown',
    backToList: 'Back to the users',
    backToUser: 'Back to the user',
    errorSummaryTitle: 'There is a problem',
  },
  status: { active: 'Active', suspended: 'Suspended', revoked: 'Revoked', deleted: 'Deleted' },
  list: {
    title: 'Users',
    searchLabel: 'Search users',
    searchHint: 'Part of an email address, username, name or display name.',
    filtersLegend: 'Filters',
    statusLabel: 'Status',
    anyStatus: 'Any but deleted',
    appLabel: 'App',
    anyApp: 'Any app',
    roleLabel: 'Role at the chosen app',
    planLabel: 'Plan at the chosen app',
    verifiedLabel: 'Address verified',
    mfaLabel: 'Second factor',
    any: 'Any',
    submit: 'Search',
    clear: 'Clear the filters',
    create: 'Create a user',
    purged: 'The user was erased.',
    resultsHeading: 'Results',
    caption: 'Users, in the order they were created',
    columns: {
      user: 'Email or username',
      name: 'Name',
      status: 'Status',
      verified: 'Verified',
      mfa: 'Second factor',
      created: 'Created',
    },
    noAddress: 'No address',
    empty: 'There are no users yet.',
    emptyFiltered: 'No user matches these filters.',
    emptyPage: 'There are no more users.',
    pagesLabel: 'Pages',
    first: 'First page',
    next: 'Next page',
    invalid: {
      status: 'Choose one of the statuses.',
      flag: 'Choose any, yes or no.',
      appForRole: 'Choose an app to filter by role or plan.',
      app: 'There is no such app.',
      query: 'Search for at most 200 characters, without control characters.',
      role: 'A role name starts with a–z and has only a–z, 0–9, _ and -.',
      plan: 'A plan name starts with a–z and has only a–z, 0–9, _ and -.',
      cursor: 'This page link no longer works. Search again from the first page.',
    },
  },
  create: {
    title: 'Create a user',
    emailLabel: 'Email address',
    emailHint: 'An address, a username or both.',
    usernameLabel: 'Username (optional)',
    usernameHint: '3 to 32 of a–z, 0–9, _, . and -.',
    nameLabel: 'Full name (optional)',
    displayNameLabel: 'Display name (optional)',
    verifiedLabel: 'The address is verified',
    verifiedHint: 'Only when you know the address is the user’s.',
    passwordLegend: 'Password',
    mailLink: 'Mail the user a link to set their password',
    setPassword: 'Set a password now',
    passwordLabel: 'Password',
    passwordHint: (min) => `Only when setting one now: at least ${min} characters.`,
    appsLegend: 'Apps (optional)',
    appsHint: 'The user joins each app ticked, with its default role and plan.',
    noApps: 'There are no apps to join.',
    submit: 'Create user',
    invalid: {
      emailOrUsername: 'Enter an email address, a username or both.',
      email: 'Enter an email address like name@example.com.',
      emailTaken: 'An account with this email address exists.',
      username: 'A username has 3 to 32 of a–z, 0–9, _, . and -, and must not be reserved.',
      usernameTaken: 'This username is taken.',
      name: 'A name can be at most 1000 characters.',
      passwordMissing: 'Enter a password, or choose to mail a link.',
      linkNeedsAddress: 'A link needs an email address: enter one, or set a password.',
      apps: 'One of the apps, or its default role or plan, no longer exists. Load the page again.',
      paidNeedsAddress: 'An app’s default plan is paid, which needs a verified address.',
    },
  },
  detail: {
    notFound: {
      title: 'No such user',
      body: 'There is no user with this id, or it is not one you can see.',
    },
    profile: {
      heading: 'Profile',
      id: 'User id',
      email: 'Email address',
      username: 'Username',
      name: 'Full name',
      displayName: 'Display name',
      status: 'Status',
      verified: 'Address verified',
      password: 'Password',
      passwordSince: (date) => `Set on ${date}`,
      noPassword: 'No password',
      created: 'Created',
      updated: 'Last changed',
      deleted: 'Deleted',
      restorableUntil: 'Can be restored until',
    },
    status: {
      heading: 'Account status',
      intro: {
        active:
          'The user can sign in. Suspending ends every session and keeps their credentials; revoking ends everything for good; a deleted user can be restored for a while.',
        suspended: 'The user cannot sign in until reactivated. Their credentials and tokens are kept.',
        revoked: 'The user is revoked for good: every credential, token and session has ended.',
        deleted:
          'The user is deleted and will be erased at the end of the retention period. Restoring brings them back as they were; purging erases them now.',
      },
      buttons: {
        suspend: 'Suspend…',
        reactivate: 'Reactivate',
        revoke: 'Revoke…',
        delete: 'Delete…',
        restore: 'Restore',
        purge: 'Purge…',
      },
    },
    edit: {
      heading: 'Edit profile',
      nameLabel: 'Full name',
      displayNameLabel: 'Display name',
      verifiedLabel: 'The address is verified',
      verifiedHint: 'Untick to make the user verify it again.',
      submit: 'Save profile',
    },
    email: {
      heading: 'Change the email address',
      intro:
        'The account moves to the new address at once. The old address is told, with a link that undoes the change, and every session of the user ends.',
      label: 'New email address',
      reverifyLabel: 'Make the user verify the new address',
      reverifyHint: 'It is mailed a link; otherwise you vouch for it and it counts as verified.',
      submit: 'Change address',
    },
    links: {
      heading: 'Mailed links',
      intro: (email) => `Links go to ${email}. You never see them.`,
      sendVerification: 'Send a verification link',
      sendReset: 'Send a password-reset link',
    },
    factors: {
      heading: 'Second factors',
      totp: 'Authenticator app',
      passkeys: 'Passkeys',
      phone: 'Phone',
      recoveryCodes: 'Recovery codes',
      onSince: (date) => `On since ${date}`,
      off: 'None',
      passkey: (name, added) => `${name} (added ${added})`,
      codesLeft: (count) => `${count} ${plural(count, 'code', 'codes')} left`,
      reset: 'Remove every second factor…',
    },
    identities: {
      heading: 'Linked identities',
      none: 'No identities are linked.',
      provider: 'Provider',
      email: 'Address there',
      linked: 'Linked',
      lastUsed: 'Last used',
    },
    apps: {
      heading: 'Apps',
      none: 'The user is not a member of any app you can see.',
      app: 'App',
      roles: 'Roles',
      plan: 'Plan',
      permissions: 'Direct permissions',
      joined: 'Joined',
      changeAt: (app) => `Change access at ${app}`,
      rolesAt: (app) => `Roles at ${app}`,
      planAt: (app) => `Plan at ${app}`,
      permissionsAt: (app) => `Direct permissions at ${app}`,
      permissionsHint: 'Separated by spaces, each like invoices:read (or *).',
      endSessions: 'End the user’s sessions at this app',
      endSessionsHint: 'So the change applies to their tokens at once.',
      save: 'Save access',
      remove: 'Remove from app…',
      addHeading: 'Add to an app',
      addApp: 'App',
      chooseApp: 'Choose an app',
      addRole: 'Role (optional)',
      addRoleHint: 'The app’s default role when empty.',
      addPlan: 'Plan (optional)',
      addPlanHint: 'The app’s default plan when empty.',
      add: 'Add to app',
    },
    sessions: {
      heading: 'Sessions',
      none: 'The user has no live sessions.',
      device: 'Device',
      app: 'App',
      ip: 'IP address',
      signedIn: 'Signed in',
      lastUsed: 'Last used',
      level: 'Sign-in',
      action: 'Action',
      aal1: 'One factor',
      aal2: 'Two factors',
      impersonatedBy: (operatorId) => `Impersonation by ${operatorId}`,
      end: 'End',
      endNamed: (device, lastUsed) => `the session on ${device}, last used ${lastUsed}`,
      endAll: 'End every session…',
    },
    tokens: {
      heading: 'Personal access tokens',
      none: 'The user has no personal access tokens.',
      name: 'Name',
      scopes: 'Scopes',
      app: 'App',
      created: 'Created',
      expires: 'Expires',
      lastUsed: 'Last used',
      action: 'Action',
      noExpiry: 'Never',
      revoke: 'Revoke',
      revokeAll: 'Revoke every token…',
    },
    impersonate: {
      heading: 'Impersonate',
      intro: (minutes) =>
        `See the account as the user does, in this browser, for at most ${minutes} minutes. You give a reason; it is recorded.`,
      start: 'Impersonate…',
    },
    events: {
      heading: 'Recent events',
      none: 'Nothing has been recorded about this user yet.',
      all: 'All of this user’s events in the audit log',
      when: 'When',
      type: 'Event',
      outcome: 'Outcome',
      actor: 'By',
      via: 'Through',
      success: 'Success',
      failure: 'Failure',
      byUser: 'The user',
      byCli: 'Command line',
    },
    invalid: {
      emailMissing: 'Enter the new email address.',
      email: 'Enter an email address like name@example.com.',
      emailTaken: 'Another account has this email address.',
      name: 'A name can be at most 1000 characters.',
      roles: 'A role name starts with a–z and has only a–z, 0–9, _ and -.',
      plan: 'Choose one of the app’s plans.',
      permissions: 'Each permission is like invoices:read, invoices:* or *, and appears once.',
      appMissing: 'Choose an app.',
    },
  },
  confirm: {
    unknown: {
      title: 'Unknown action',
      body: 'This page does not know that action. Go back to the user and choose it again.',
    },
    titles: {
      suspend: (who) => `Suspend ${who}?`,
      revoke: (who) => `Revoke ${who}?`,
      delete: (who) => `Delete ${who}?`,
      purge: (who) => `Erase ${who} now?`,
      'reset-mfa': (who) => `Remove every second factor of ${who}?`,
      'end-sessions': (who) => `End every session of ${who}?`,
      'revoke-tokens': (who) => `Revoke every token of ${who}?`,
      'remove-membership': (who) => `Remove ${who} from the app?`,
      impersonate: (who) => `Impersonate ${who}?`,
    },
    consequences: {
      suspend:
        'Every session of the user ends and they cannot sign in until reactivated. Their credentials and tokens are kept.',
      revoke:
        'Every credential, personal access token and session of the user ends, for good. This cannot be undone.',
      delete:
        'Every session ends, mailed links and tokens stop working, and the user is told by mail. They can be restored until the retention period ends, then they are erased.',
      purge:
        'The account and everything it holds are erased now. The audit log keeps its records. This cannot be undone.',
      'reset-mfa':
        'The authenticator app, passkeys, phone and recovery codes are removed, every session ends, and the user is told by mail. They then sign in with their password alone.',
    },
    removeMembership: (app) =>
      `The user stops being a member of ${app}, and their sessions there end at once. Their sessions at other apps go on.`,
    endSessions: (count) =>
      `${count} live ${plural(count, 'session ends', 'sessions end')} at once, on every device. The user can sign in again.`,
    revokeTokens: (count) =>
      `${count} personal access ${plural(count, 'token stops', 'tokens stop')} working at once.`,
    impersonate: (minutes) =>
      `This browser becomes the user’s for at most ${minutes} minutes (or until you end it): you see their account as they do. Changes only they may make stay refused. The start and everything you do are recorded with your name.`,
    reasonLabel: 'Reason',
    reasonHint: 'Why, e.g. a support ticket. Recorded in the audit log.',
    appLabel: 'App',
    appHint: 'Which of the user’s apps to act at.',
    defaultApp: 'The default app',
    buttons: {
      suspend: 'Suspend user',
      revoke: 'Revoke user',
      delete: 'Delete user',
      purge: 'Erase user',
      'reset-mfa': 'Remove second factors',
      'end-sessions': 'End every session',
      'revoke-tokens': 'Revoke every token',
      'remove-membership': 'Remove from app',
      impersonate: 'Start impersonation',
    },
    cancel: 'Cancel',
    notConfirmed: 'Nothing was done: confirm with the button below.',
    invalid: {
      reasonMissing: 'Enter the reason for the impersonation.',
      reasonTooLong: (max) => `The reason can be at most ${max} characters.`,
    },
  },
  done: {
    created: 'The user was created.',
    createdLinkSent: (email) => `The user was created, and ${email} was mailed a link to set a password.`,
    edit: 'The profile was saved.',
    nothingChanged: 'Nothing changed.',
    setEmail: 'The address was changed. The old address was told, and every session ended.',
    suspend: 'The user is suspended, and every session ended.',
    reactivate: 'The user is active again.',
    revoke: 'The user is revoked.',
    statusUnchanged: 'The user already had that status: nothing changed.',
    delete: (until) => `The user is deleted. They can be restored until ${until}.`,
    restore: (status) => `The user is restored. Their status: ${status}.`,
    'end-session': 'The session ended.',
    endSessions: (count) => `${count} ${plural(count, 'session', 'sessions')} ended.`,
    'reset-mfa': 'Every second factor was removed, every session ended, and the user was told by mail.',
    'send-verification': 'A verification link was mailed.',
    'send-password-reset': 'A password-reset link was mailed.',
    setMembership: 'The access was saved.',
    joined: 'The user joined the app.',
    'remove-membership': 'The user was removed from the app.',
    'revoke-token': 'The token was revoked.',
    revokeTokens: (count) => `${count} ${plural(count, 'token', 'tokens')} revoked.`,
  },
  refused: {
    LAST_ADMIN:
      'Not done: this would leave the console without an active admin. Make another operator admin first.',
    CANNOT_ACT_ON_SELF: 'Not done: operators cannot do this to their own account.',
    USER_REVOKED: 'Not done: the user is revoked, which is final.',
    USER_SUSPENDED: 'Not done: the user is suspended. Reactivate them first.',
    USER_NOT_ACTIVE: 'Not done: the user is not active.',
    USER_NOT_DELETED: 'Not done: only a deleted user can be purged. Delete them first.',
    CANNOT_IMPERSONATE_OPERATOR: 'Not done: operators cannot be impersonated.',
    NOT_A_MEMBER: 'Not done: the user is not a member of that app.',
    APP_INACTIVE: 'Not done: that app is disabled.',
    APP_NOT_FOUND: 'Not done: there is no such app.',
    ROLE_NOT_FOUND: 'Not done: the app has no such role.',
    PLAN_NOT_FOUND: 'Not done: the app has no such plan.',
    MEMBERSHIP_NOT_FOUND: 'Not done: the user is not a member of that app.',
    EMAIL_REQUIRED_FOR_PAID: 'Not done: a paid plan needs a verified address.',
    EMAIL_ALREADY_VERIFIED: 'Not sent: the address is already verified.',
    EMAIL_MISSING: 'Not sent: the account has no email address.',
    RATE_LIMITED: 'Not sent: too many links of this kind went to this user lately. Try again later.',
    INSUFFICIENT_PERMISSION:
      'Not done: only an operator holding every permission may change console memberships.',
    itemGone: 'Nothing to do: it had already ended.',
    unknownAction: 'That action is not known. Choose it again.',
  },
};

const de: ConsoleUsersStrings = {
  nav: { label: 'Konsole', users: 'Benutzer', apps: 'Apps', audit: 'Protokoll', stats: 'Statistik' },
  refusals: {
    notOperator: {
      title: 'Die Konsole ist für Betreiber',
      body: 'Das Konto, mit dem Sie angemeldet sind, ist kein Betreiber dieser Installation, oder Sie haben sich bei einer App statt bei der Konsole angemeldet. Ein Administrator kann Sie als Betreiber einladen.',
      account: 'Zu Ihrem Konto',
    },
    mfaRequired: {
      title: 'Die Konsole braucht einen zweiten Faktor',
      body: 'Sie haben sich ohne zweiten Faktor angemeldet. Betreiber müssen einen verwenden: Richten Sie eine Authenticator-App oder einen Passkey ein und melden Sie sich dann damit erneut an.',
      addFactor: 'Zweiten Faktor einrichten',
    },
    impersonating: {
      title: 'Sie sind als Benutzer angemeldet',
      body: 'Dieser Browser nutzt eine Sitzung, die ein Betreiber als Benutzer gestartet hat. Beenden Sie sie, um als Sie selbst zur Konsole zurückzukehren.',
      end: 'Identitätswechsel beenden',
    },
    insufficient: {
      title: 'Ihre Rolle erlaubt das nicht',
      body: 'Ihre Betreiberrolle enthält die dafür nötige Berechtigung nicht. Ein Administrator kann sie Ihnen geben.',
      back: 'Zurück zu den Benutzern',
    },
    signInAgain: 'Abmelden und erneut anmelden',
  },
  impersonation: {
    bannerTitle: 'Identitätswechsel',
    bannerBody: (who, until) =>
      `Sie nutzen das Konto von ${who} als Betreiber, bis ${until}. Alles, was Sie tun, wird als Ihre Handlung protokolliert.`,
    end: 'Identitätswechsel beenden',
    endTitle: 'Identitätswechsel beenden',
    endBody: (who) => `Beenden Sie die Sitzung als ${who} und kehren Sie zur Konsole zurück.`,
  },
  common: {
    yes: 'Ja',
    no: 'Nein',
    none: 'Keine',
    never: 'Nie',
    unknown: 'Unbekannt',
    backToList: 'Zurück zu den Benutzern',
    backToUser: 'Zurück zum Benutzer',
    errorSummaryTitle: 'Es gibt ein Problem',
  },
  status: { active: 'Aktiv', suspended: 'Gesperrt', revoked: 'Widerrufen', deleted: 'Gelöscht' },
  list: {
    title: 'Benutzer',
    searchLabel: 'Benutzer suchen',
    searchHint: 'Teil einer E-Mail-Adresse, eines Benutzernamens, Namens oder Anzeigenamens.',
    filtersLegend: 'Filter',
    statusLabel: 'Status',
    anyStatus: 'Alle außer gelöschten',
    appLabel: 'App',
    anyApp: 'Alle Apps',
    roleLabel: 'Rolle in der gewählten App',
    planLabel: 'Tarif in der gewählten App',
    verifiedLabel: 'Adresse bestätigt',
    mfaLabel: 'Zweiter Faktor',
    any: 'Egal',
    submit: 'Suchen',
    clear: 'Filter zurücksetzen',
    create: 'Benutzer anlegen',
    purged: 'Der Benutzer wurde endgültig gelöscht.',
    resultsHeading: 'Ergebnisse',
    caption: 'Benutzer in der Reihenfolge, in der sie angelegt wurden',
    columns: {
      user: 'E-Mail oder Benutzername',
      name: 'Name',
      status: 'Status',
      verified: 'Bestätigt',
      mfa: 'Zweiter Faktor',
      created: 'Angelegt',
    },
    noAddress: 'Keine Adresse',
    empty: 'Es gibt noch keine Benutzer.',
    emptyFiltered: 'Kein Benutzer passt zu diesen Filtern.',
    emptyPage: 'Es gibt keine weiteren Benutzer.',
    pagesLabel: 'Seiten',
    first: 'Erste Seite',
    next: 'Nächste Seite',
    invalid: {
      status: 'Wählen Sie einen der Status.',
      flag: 'Wählen Sie „Egal“, „Ja“ oder „Nein“.',
      appForRole: 'Wählen Sie eine App, um nach Rolle oder Tarif zu filtern.',
      app: 'Diese App gibt es nicht.',
      query: 'Suchen Sie nach höchstens 200 Zeichen, ohne Steuerzeichen.',
      role: 'Ein Rollenname beginnt mit a–z und enthält nur a–z, 0–9, _ und -.',
      plan: 'Ein Tarifname beginnt mit a–z und enthält nur a–z, 0–9, _ und -.',
      cursor: 'Dieser Seitenlink funktioniert nicht mehr. Suchen Sie erneut ab der ersten Seite.',
    },
  },
  create: {
    title: 'Benutzer anlegen',
    emailLabel: 'E-Mail-Adresse',
    emailHint: 'Eine Adresse, ein Benutzername oder beides.',
    usernameLabel: 'Benutzername (optional)',
    usernameHint: '3 bis 32 Zeichen aus a–z, 0–9, _, . und -.',
    nameLabel: 'Vollständiger Name (optional)',
    displayNameLabel: 'Anzeigename (optional)',
    verifiedLabel: 'Die Adresse ist bestätigt',
    verifiedHint: 'Nur, wenn Sie wissen, dass die Adresse dem Benutzer gehört.',
    passwordLegend: 'Passwort',
    mailLink: 'Dem Benutzer einen Link zum Festlegen des Passworts senden',
    setPassword: 'Jetzt ein Passwort festlegen',
    passwordLabel: 'Passwort',
    passwordHint: (min) => `Nur, wenn Sie jetzt eines festlegen: mindestens ${min} Zeichen.`,
    appsLegend: 'Apps (optional)',
    appsHint: 'Der Benutzer wird Mitglied jeder angekreuzten App, mit deren Standardrolle und -tarif.',
    noApps: 'Es gibt keine Apps zum Beitreten.',
    submit: 'Benutzer anlegen',
    invalid: {
      emailOrUsername: 'Geben Sie eine E-Mail-Adresse, einen Benutzernamen oder beides ein.',
      email: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
      emailTaken: 'Es gibt bereits ein Konto mit dieser E-Mail-Adresse.',
      username:
        'Ein Benutzername hat 3 bis 32 Zeichen aus a–z, 0–9, _, . und - und darf nicht reserviert sein.',
      usernameTaken: 'Dieser Benutzername ist vergeben.',
      name: 'Ein Name darf höchstens 1000 Zeichen lang sein.',
      passwordMissing: 'Geben Sie ein Passwort ein oder lassen Sie einen Link senden.',
      linkNeedsAddress:
        'Ein Link braucht eine E-Mail-Adresse: Geben Sie eine ein oder legen Sie ein Passwort fest.',
      apps: 'Eine der Apps oder ihre Standardrolle oder ihr Standardtarif existiert nicht mehr. Laden Sie die Seite neu.',
      paidNeedsAddress:
        'Der Standardtarif einer App ist kostenpflichtig und braucht eine bestätigte Adresse.',
    },
  },
  detail: {
    notFound: {
      title: 'Diesen Benutzer gibt es nicht',
      body: 'Es gibt keinen Benutzer mit dieser ID, oder Sie können ihn nicht sehen.',
    },
    profile: {
      heading: 'Profil',
      id: 'Benutzer-ID',
      email: 'E-Mail-Adresse',
      username: 'Benutzername',
      name: 'Vollständiger Name',
      displayName: 'Anzeigename',
      status: 'Status',
      verified: 'Adresse bestätigt',
      password: 'Passwort',
      passwordSince: (date) => `Festgelegt am ${date}`,
      noPassword: 'Kein Passwort',
      created: 'Angelegt',
      updated: 'Zuletzt geändert',
      deleted: 'Gelöscht',
      restorableUntil: 'Wiederherstellbar bis',
    },
    status: {
      heading: 'Kontostatus',
      intro: {
        active:
          'Der Benutzer kann sich anmelden. Sperren beendet jede Sitzung und behält die Anmeldedaten; Widerrufen beendet alles endgültig; ein gelöschter Benutzer kann eine Zeit lang wiederhergestellt werden.',
        suspended:
          'Der Benutzer kann sich erst nach der Reaktivierung wieder anmelden. Anmeldedaten und Tokens bleiben erhalten.',
        revoked:
          'Der Benutzer ist endgültig widerrufen: Alle Anmeldedaten, Tokens und Sitzungen sind beendet.',
        deleted:
          'Der Benutzer ist gelöscht und wird am Ende der Aufbewahrungsfrist endgültig entfernt. Wiederherstellen holt ihn zurück, wie er war; endgültig Löschen entfernt ihn sofort.',
      },
      buttons: {
        suspend: 'Sperren …',
        reactivate: 'Reaktivieren',
        revoke: 'Widerrufen …',
        delete: 'Löschen …',
        restore: 'Wiederherstellen',
        purge: 'Endgültig löschen …',
      },
    },
    edit: {
      heading: 'Profil bearbeiten',
      nameLabel: 'Vollständiger Name',
      displayNameLabel: 'Anzeigename',
      verifiedLabel: 'Die Adresse ist bestätigt',
      verifiedHint: 'Entfernen Sie den Haken, damit der Benutzer sie erneut bestätigt.',
      submit: 'Profil speichern',
    },
    email: {
      heading: 'E-Mail-Adresse ändern',
      intro:
        'Das Konto zieht sofort auf die neue Adresse um. Die alte Adresse wird benachrichtigt, mit einem Link, der die Änderung rückgängig macht, und jede Sitzung des Benutzers endet.',
      label: 'Neue E-Mail-Adresse',
      reverifyLabel: 'Der Benutzer soll die neue Adresse bestätigen',
      reverifyHint: 'Sie erhält einen Link; sonst bürgen Sie für sie, und sie gilt als bestätigt.',
      submit: 'Adresse ändern',
    },
    links: {
      heading: 'Links per E-Mail',
      intro: (email) => `Links gehen an ${email}. Sie selbst sehen sie nie.`,
      sendVerification: 'Bestätigungslink senden',
      sendReset: 'Link zum Zurücksetzen des Passworts senden',
    },
    factors: {
      heading: 'Zweite Faktoren',
      totp: 'Authenticator-App',
      passkeys: 'Passkeys',
      phone: 'Telefon',
      recoveryCodes: 'Wiederherstellungscodes',
      onSince: (date) => `Aktiv seit ${date}`,
      off: 'Keine',
      passkey: (name, added) => `${name} (hinzugefügt am ${added})`,
      codesLeft: (count) => `${count} ${plural(count, 'Code', 'Codes')} übrig`,
      reset: 'Alle zweiten Faktoren entfernen …',
    },
    identities: {
      heading: 'Verknüpfte Identitäten',
      none: 'Es sind keine Identitäten verknüpft.',
      provider: 'Anbieter',
      email: 'Adresse dort',
      linked: 'Verknüpft',
      lastUsed: 'Zuletzt verwendet',
    },
    apps: {
      heading: 'Apps',
      none: 'Der Benutzer ist in keiner App Mitglied, die Sie sehen können.',
      app: 'App',
      roles: 'Rollen',
      plan: 'Tarif',
      permissions: 'Direkte Berechtigungen',
      joined: 'Beigetreten',
      changeAt: (app) => `Zugang in ${app} ändern`,
      rolesAt: (app) => `Rollen in ${app}`,
      planAt: (app) => `Tarif in ${app}`,
      permissionsAt: (app) => `Direkte Berechtigungen in ${app}`,
      permissionsHint: 'Durch Leerzeichen getrennt, jeweils wie invoices:read (oder *).',
      endSessions: 'Sitzungen des Benutzers in dieser App beenden',
      endSessionsHint: 'Damit die Änderung sofort für seine Tokens gilt.',
      save: 'Zugang speichern',
      remove: 'Aus der App entfernen …',
      addHeading: 'Zu einer App hinzufügen',
      addApp: 'App',
      chooseApp: 'App wählen',
      addRole: 'Rolle (optional)',
      addRoleHint: 'Leer: die Standardrolle der App.',
      addPlan: 'Tarif (optional)',
      addPlanHint: 'Leer: der Standardtarif der App.',
      add: 'Zur App hinzufügen',
    },
    sessions: {
      heading: 'Sitzungen',
      none: 'Der Benutzer hat keine aktiven Sitzungen.',
      device: 'Gerät',
      app: 'App',
      ip: 'IP-Adresse',
      signedIn: 'Angemeldet',
      lastUsed: 'Zuletzt verwendet',
      level: 'Anmeldung',
      action: 'Aktion',
      aal1: 'Ein Faktor',
      aal2: 'Zwei Faktoren',
      impersonatedBy: (operatorId) => `Identitätswechsel durch ${operatorId}`,
      end: 'Beenden',
      endNamed: (device, lastUsed) => `die Sitzung auf ${device}, zuletzt verwendet ${lastUsed}`,
      endAll: 'Alle Sitzungen beenden …',
    },
    tokens: {
      heading: 'Persönliche Zugriffstokens',
      none: 'Der Benutzer hat keine persönlichen Zugriffstokens.',
      name: 'Name',
      scopes: 'Bereiche',
      app: 'App',
      created: 'Erstellt',
      expires: 'Läuft ab',
      lastUsed: 'Zuletzt verwendet',
      action: 'Aktion',
      noExpiry: 'Nie',
      revoke: 'Widerrufen',
      revokeAll: 'Alle Tokens widerrufen …',
    },
    impersonate: {
      heading: 'Identitätswechsel',
      intro: (minutes) =>
        `Sehen Sie das Konto so, wie der Benutzer es sieht, in diesem Browser, für höchstens ${minutes} Minuten. Sie geben einen Grund an; er wird protokolliert.`,
      start: 'Identität wechseln …',
    },
    events: {
      heading: 'Letzte Ereignisse',
      none: 'Zu diesem Benutzer wurde noch nichts protokolliert.',
      all: 'Alle Ereignisse dieses Benutzers im Protokoll',
      when: 'Wann',
      type: 'Ereignis',
      outcome: 'Ergebnis',
      actor: 'Durch',
      via: 'Über',
      success: 'Erfolg',
      failure: 'Fehlschlag',
      byUser: 'Der Benutzer',
      byCli: 'Kommandozeile',
    },
    invalid: {
      emailMissing: 'Geben Sie die neue E-Mail-Adresse ein.',
      email: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
      emailTaken: 'Ein anderes Konto hat diese E-Mail-Adresse.',
      name: 'Ein Name darf höchstens 1000 Zeichen lang sein.',
      roles: 'Ein Rollenname beginnt mit a–z und enthält nur a–z, 0–9, _ und -.',
      plan: 'Wählen Sie einen der Tarife der App.',
      permissions:
        'Jede Berechtigung hat die Form invoices:read, invoices:* oder * und kommt nur einmal vor.',
      appMissing: 'Wählen Sie eine App.',
    },
  },
  confirm: {
    unknown: {
      title: 'Unbekannte Aktion',
      body: 'Diese Seite kennt diese Aktion nicht. Gehen Sie zurück zum Benutzer und wählen Sie sie erneut.',
    },
    titles: {
      suspend: (who) => `${who} sperren?`,
      revoke: (who) => `${who} widerrufen?`,
      delete: (who) => `${who} löschen?`,
      purge: (who) => `${who} jetzt endgültig löschen?`,
      'reset-mfa': (who) => `Alle zweiten Faktoren von ${who} entfernen?`,
      'end-sessions': (who) => `Alle Sitzungen von ${who} beenden?`,
      'revoke-tokens': (who) => `Alle Tokens von ${who} widerrufen?`,
      'remove-membership': (who) => `${who} aus der App entfernen?`,
      impersonate: (who) => `Identität von ${who} annehmen?`,
    },
    consequences: {
      suspend:
        'Jede Sitzung des Benutzers endet, und er kann sich bis zur Reaktivierung nicht anmelden. Anmeldedaten und Tokens bleiben erhalten.',
      revoke:
        'Alle Anmeldedaten, persönlichen Zugriffstokens und Sitzungen des Benutzers enden endgültig. Das lässt sich nicht rückgängig machen.',
      delete:
        'Jede Sitzung endet, Links und Tokens funktionieren nicht mehr, und der Benutzer wird per E-Mail benachrichtigt. Bis zum Ende der Aufbewahrungsfrist kann er wiederhergestellt werden, danach wird er endgültig gelöscht.',
      purge:
        'Das Konto und alles, was dazugehört, wird jetzt gelöscht. Das Protokoll behält seine Einträge. Das lässt sich nicht rückgängig machen.',
      'reset-mfa':
        'Authenticator-App, Passkeys, Telefon und Wiederherstellungscodes werden entfernt, jede Sitzung endet, und der Benutzer wird per E-Mail benachrichtigt. Danach meldet er sich nur mit seinem Passwort an.',
    },
    removeMembership: (app) =>
      `Der Benutzer ist dann kein Mitglied von ${app} mehr, und seine Sitzungen dort enden sofort. Seine Sitzungen in anderen Apps laufen weiter.`,
    endSessions: (count) =>
      `${count} ${plural(count, 'aktive Sitzung endet', 'aktive Sitzungen enden')} sofort, auf allen Geräten. Der Benutzer kann sich erneut anmelden.`,
    revokeTokens: (count) =>
      `${count} ${plural(count, 'persönliches Zugriffstoken funktioniert', 'persönliche Zugriffstokens funktionieren')} ab sofort nicht mehr.`,
    impersonate: (minutes) =>
      `Dieser Browser gehört dann für höchstens ${minutes} Minuten (oder bis Sie es beenden) dem Benutzer: Sie sehen sein Konto, wie er es sieht. Änderungen, die nur er selbst vornehmen darf, bleiben verweigert. Der Beginn und alles, was Sie tun, werden mit Ihrem Namen protokolliert.`,
    reasonLabel: 'Grund',
    reasonHint: 'Warum, z. B. ein Support-Ticket. Wird im Protokoll festgehalten.',
    appLabel: 'App',
    appHint: 'In welcher der Apps des Benutzers gehandelt wird.',
    defaultApp: 'Die Standard-App',
    buttons: {
      suspend: 'Benutzer sperren',
      revoke: 'Benutzer widerrufen',
      delete: 'Benutzer löschen',
      purge: 'Benutzer endgültig löschen',
      'reset-mfa': 'Zweite Faktoren entfernen',
      'end-sessions': 'Alle Sitzungen beenden',
      'revoke-tokens': 'Alle Tokens widerrufen',
      'remove-membership': 'Aus der App entfernen',
      impersonate: 'Identitätswechsel starten',
    },
    cancel: 'Abbrechen',
    notConfirmed: 'Es wurde nichts getan: Bestätigen Sie mit der Schaltfläche unten.',
    invalid: {
      reasonMissing: 'Geben Sie den Grund für den Identitätswechsel ein.',
      reasonTooLong: (max) => `Der Grund darf höchstens ${max} Zeichen lang sein.`,
    },
  },
  done: {
    created: 'Der Benutzer wurde angelegt.',
    createdLinkSent: (email) =>
      `Der Benutzer wurde angelegt, und an ${email} wurde ein Link zum Festlegen des Passworts gesendet.`,
    edit: 'Das Profil wurde gespeichert.',
    nothingChanged: 'Es hat sich nichts geändert.',
    setEmail:
      'Die Adresse wurde geändert. Die alte Adresse wurde benachrichtigt, und jede Sitzung wurde beendet.',
    suspend: 'Der Benutzer ist gesperrt, und jede Sitzung wurde beendet.',
    reactivate: 'Der Benutzer ist wieder aktiv.',
    revoke: 'Der Benutzer ist widerrufen.',
    statusUnchanged: 'Der Benutzer hatte diesen Status schon: Es hat sich nichts geändert.',
    delete: (until) => `Der Benutzer ist gelöscht. Er kann bis ${until} wiederhergestellt werden.`,
    restore: (status) => `Der Benutzer ist wiederhergestellt. Sein Status: ${status}.`,
    'end-session': 'Die Sitzung wurde beendet.',
    endSessions: (count) => `${count} ${plural(count, 'Sitzung wurde', 'Sitzungen wurden')} beendet.`,
    'reset-mfa':
      'Alle zweiten Faktoren wurden entfernt, jede Sitzung wurde beendet, und der Benutzer wurde per E-Mail benachrichtigt.',
    'send-verification': 'Ein Bestätigungslink wurde gesendet.',
    'send-password-reset': 'Ein Link zum Zurücksetzen des Passworts wurde gesendet.',
    setMembership: 'Der Zugang wurde gespeichert.',
    joined: 'Der Benutzer ist der App beigetreten.',
    'remove-membership': 'Der Benutzer wurde aus der App entfernt.',
    'revoke-token': 'Das Token wurde widerrufen.',
    revokeTokens: (count) => `${count} ${plural(count, 'Token wurde', 'Tokens wurden')} widerrufen.`,
  },
  refused: {
    LAST_ADMIN:
      'Nicht ausgeführt: Die Konsole hätte sonst keinen aktiven Administrator mehr. Machen Sie zuerst einen anderen Betreiber zum Administrator.',
    CANNOT_ACT_ON_SELF: 'Nicht ausgeführt: Betreiber können das nicht mit ihrem eigenen Konto tun.',
    USER_REVOKED: 'Nicht ausgeführt: Der Benutzer ist widerrufen, und das ist endgültig.',
    USER_SUSPENDED: 'Nicht ausgeführt: Der Benutzer ist gesperrt. Reaktivieren Sie ihn zuerst.',
    USER_NOT_ACTIVE: 'Nicht ausgeführt: Der Benutzer ist nicht aktiv.',
    USER_NOT_DELETED:
      'Nicht ausgeführt: Nur ein gelöschter Benutzer kann endgültig gelöscht werden. Löschen Sie ihn zuerst.',
    CANNOT_IMPERSONATE_OPERATOR:
      'Nicht ausgeführt: Die Identität von Betreibern kann nicht angenommen werden.',
    NOT_A_MEMBER: 'Nicht ausgeführt: Der Benutzer ist kein Mitglied dieser App.',
    APP_INACTIVE: 'Nicht ausgeführt: Diese App ist deaktiviert.',
    APP_NOT_FOUND: 'Nicht ausgeführt: Diese App gibt es nicht.',
    ROLE_NOT_FOUND: 'Nicht ausgeführt: Die App hat keine solche Rolle.',
    PLAN_NOT_FOUND: 'Nicht ausgeführt: Die App hat keinen solchen Tarif.',
    MEMBERSHIP_NOT_FOUND: 'Nicht ausgeführt: Der Benutzer ist kein Mitglied dieser App.',
    EMAIL_REQUIRED_FOR_PAID: 'Nicht ausgeführt: Ein kostenpflichtiger Tarif braucht eine bestätigte Adresse.',
    EMAIL_ALREADY_VERIFIED: 'Nicht gesendet: Die Adresse ist bereits bestätigt.',
    EMAIL_MISSING: 'Nicht gesendet: Das Konto hat keine E-Mail-Adresse.',
    RATE_LIMITED:
      'Nicht gesendet: In letzter Zeit gingen zu viele solche Links an diesen Benutzer. Versuchen Sie es später erneut.',
    INSUFFICIENT_PERMISSION:
      'Nicht ausgeführt: Nur ein Betreiber mit allen Berechtigungen darf Mitgliedschaften der Konsole ändern.',
    itemGone: 'Nichts zu tun: Es war bereits beendet.',
    unknownAction: 'Diese Aktion ist unbekannt. Wählen Sie sie erneut.',
  },
};

export const consoleUsersStrings: Readonly<Record<Locale, ConsoleUsersStrings>> = { en, de };

/** The console users area's strings in the page's language. */
export function consoleUsersStringsFor(view: Pick<PageView, 'locale'>): ConsoleUsersStrings {
  return consoleUsersStrings[view.locale];
}
