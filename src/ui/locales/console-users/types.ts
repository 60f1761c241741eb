/**
 * The shape of the admin console's users area strings (`/console`, `/console/users…`): the
 * console navigation, the console's refusal pages (not an operator, second factor needed,
 * impersonating, role too narrow), the impersonation banner, the users table and its filters,
 * creating a user, a user's page with every action, the confirmation page, and the messages after
 * each action or refusal. Strings that take values are functions, so each language places them
 * where its grammar needs.
 */

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
