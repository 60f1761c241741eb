/**
 * The admin console's apps pages (`/console/apps…`), English: the list, creating an app, one
 * app's settings and its secret, and the tabs of one app's pages. The interface is here too;
 * `de.ts` follows it and `index.ts` picks the one for a page. Strings that take values are
 * functions, so each language places them where its grammar needs.
 */

/** The copy button of a secret (the shape the security pages' `copyable` takes). */
export interface SecretCopyStrings {
  readonly copy: string;
  readonly copied: string;
  readonly copyFailed: string;
}

/** What a refused value of one field says, with the line at fault when there is one. */
export type LineMessage = (line: number | undefined) => string;

export interface ConsoleAppsStrings {
  readonly tabs: {
    readonly label: string;
    readonly settings: string;
    readonly roles: string;
    readonly members: string;
    readonly invitations: string;
  };
  readonly common: {
    readonly errorSummaryTitle: string;
    readonly backToList: string;
    readonly yes: string;
    readonly no: string;
    readonly statuses: Readonly<Record<'active' | 'disabled', string>>;
    readonly signUp: Readonly<Record<'open' | 'invite_only', string>>;
    readonly allMethods: string;
    readonly none: string;
    readonly paid: string;
  };
  readonly list: {
    readonly title: string;
    readonly intro: string;
    readonly tenantIntro: string;
    readonly create: string;
    readonly caption: string;
    readonly columns: {
      readonly name: string;
      readonly id: string;
      readonly status: string;
      readonly signUp: string;
      readonly defaults: string;
      readonly created: string;
    };
    readonly defaultApp: string;
    readonly consoleApp: string;
    readonly defaults: (role: string, plan: string) => string;
    readonly empty: string;
  };
  readonly fields: {
    readonly nameLabel: string;
    readonly statusLabel: string;
    readonly statusHint: string;
    readonly signUpLabel: string;
    readonly signUpHint: string;
    readonly defaultRoleLabel: string;
    readonly defaultRoleHint: string;
    readonly defaultPlanLabel: string;
    readonly defaultPlanHint: string;
    readonly plansLabel: string;
    readonly plansHint: string;
    readonly methodsLabel: string;
    readonly methodsHint: string;
    readonly redirectUrlsLabel: string;
    readonly redirectUrlsHint: string;
    readonly corsOriginsLabel: string;
    readonly corsOriginsHint: string;
    readonly audienceLabel: string;
    readonly audienceHint: string;
    readonly audienceNewHint: string;
  };
  readonly invalid: {
    readonly name: string;
    readonly status: string;
    readonly defaultAppDisabled: string;
    readonly consoleDisabled: string;
    readonly consoleOpen: string;
    readonly signUp: string;
    readonly defaultRole: string;
    readonly defaultPlan: string;
    readonly plans: LineMessage;
    readonly methods: LineMessage;
    readonly redirectUrls: LineMessage;
    readonly corsOrigins: LineMessage;
    readonly audience: string;
    readonly audienceTaken: string;
    readonly audienceFallback: string;
  };
  readonly create: {
    readonly title: string;
    readonly intro: string;
    readonly submit: string;
  };
  readonly created: {
    readonly title: string;
    readonly body: (name: string) => string;
  };
  readonly secret: {
    readonly heading: string;
    readonly once: string;
    readonly copy: SecretCopyStrings;
    readonly openApp: string;
  };
  readonly settings: {
    readonly facts: string;
    readonly id: string;
    readonly kind: string;
    readonly defaultApp: string;
    readonly consoleApp: string;
    readonly ordinaryApp: string;
    readonly hasSecret: string;
    readonly created: string;
    readonly updated: string;
    readonly formHeading: string;
    readonly submit: string;
    readonly saved: string;
    readonly rotated: string;
    readonly tenantNote: string;
    readonly readOnlyNote: string;
    readonly consoleNote: string;
    readonly refused: string;
    readonly refusedBody: string;
    readonly secretHeading: string;
    readonly secretBody: string;
    readonly rotate: string;
  };
  readonly rotate: {
    readonly title: (name: string) => string;
    readonly consequences: string;
    readonly confirm: string;
    readonly cancel: string;
    readonly notConfirmed: string;
    readonly doneTitle: string;
    readonly doneBody: (name: string) => string;
  };
  readonly notFound: {
    readonly title: string;
    readonly body: string;
  };
}

export const en: ConsoleAppsStrings = {
  tabs: {
    label: 'This app',
    settings: 'Settings',
    roles: 'Roles',
    members: 'Members',
    invitations: 'Invitations',
  },
  common: {
    errorSummaryTitle: 'There is a problem',
    backToList: 'Back to the apps',
    yes: 'Yes',
    no: 'No',
    statuses: { active: 'Active', disabled: 'Disabled' },
    signUp: { open: 'Open: anyone may sign up', invite_only: 'By invitation only' },
    allMethods: 'Every method this installation offers',
    none: 'None',
    paid: 'paid',
  },
  list: {
    title: 'Apps',
    intro:
      'Each app has its own members, roles, plans and sign-up rules. People sign in to one app at a time.',
    tenantIntro: 'The app you administer.',
    create: 'New app',
    caption: 'Apps, oldest first',
    columns: {
      name: 'Name',
      id: 'ID',
      status: 'Status',
      signUp: 'Sign-up',
      defaults: 'New members get',
      created: 'Created',
    },
    defaultApp: 'default',
    consoleApp: 'console',
    defaults: (role, plan) => `role ${role}, plan ${plan}`,
    empty: 'There are no apps.',
  },
  fields: {
    nameLabel: 'Name',
    statusLabel: 'Status',
    statusHint: 'Disabling the app ends every session at it and refuses every sign-in there.',
    signUpLabel: 'Sign-up',
    signUpHint: 'Who may become a member.',
    defaultRoleLabel: 'Default role',
    defaultRoleHint: 'The role new members get.',
    defaultPlanLabel: 'Default plan',
    defaultPlanHint: 'The plan new members get: one of the plans below.',
    plansLabel: 'Plans (optional)',
    plansHint:
      'One plan per line, lowest first: lower-case letters, digits, _ or -. Write “paid” after the name of a paid plan, e.g. “pro paid”.',
    methodsLabel: 'Sign-in methods (optional)',
    methodsHint:
      'One per line: password, username, passkey, magic_link, email_code, oauth:<provider> or id_token:<provider>. Leave empty to allow every method this installation offers.',
    redirectUrlsLabel: 'Redirect URLs (optional)',
    redirectUrlsHint:
      'One full URL per line (https://…, no #fragment): where sign-in may send people back to.',
    corsOriginsLabel: 'CORS origins (optional)',
    corsOriginsHint:
      'One origin per line (scheme, host and port, e.g. https://app.example): pages there may call the API.',
    audienceLabel: 'Audience',
    audienceHint: 'The “aud” of the app’s access tokens: no spaces, different from every other app’s.',
    audienceNewHint: 'Leave empty to use the app’s ID. No spaces, different from every other app’s.',
  },
  invalid: {
    name: 'Enter a name of at most 100 characters.',
    status: 'Choose active or disabled.',
    defaultAppDisabled: 'The default app cannot be disabled: every request that names no app belongs to it.',
    consoleDisabled: 'The console app cannot be disabled: every operator would be locked out.',
    consoleOpen: 'The console app stays invitation-only: anyone signing up there would become an operator.',
    signUp: 'Choose open or by invitation only.',
    defaultRole: 'Choose one of the app’s roles.',
    defaultPlan: 'Choose one of the app’s plans (as listed under Plans).',
    plans: (line) =>
      `${line === undefined ? 'Enter 1 to 20 plans' : `Line ${line} is not a plan`}: a name of lower-case letters, digits, _ or - (starting with a letter), optionally followed by “paid”, each name only once.`,
    methods: (line) =>
      `${line === undefined ? 'List each method only once' : `Line ${line} is not a sign-in method`}: password, username, passkey, magic_link, email_code, oauth:<provider> or id_token:<provider>.`,
    redirectUrls: (line) =>
      `${line === undefined ? 'List at most 50 URLs, each only once' : `Line ${line} is not a redirect URL`}: a full http or https URL without a #fragment.`,
    corsOrigins: (line) =>
      `${line === undefined ? 'List at most 50 origins, each only once' : `Line ${line} is not an origin`}: scheme, host and port only, e.g. https://app.example.`,
    audience: 'Enter an audience of at most 512 characters, without spaces.',
    audienceTaken: 'Another app’s access tokens already carry this audience. Choose another.',
    audienceFallback: 'Enter an audience: only the default app may leave it to the installation’s setting.',
  },
  create: {
    title: 'New app',
    intro:
      'The app starts active, with the roles admin, member and guest and the plans free, pro and enterprise; you can change all of this afterwards.',
    submit: 'Create app',
  },
  created: {
    title: 'App created',
    body: (name) => `${name} is ready.`,
  },
  secret: {
    heading: 'The app’s secret',
    once: 'Copy it now and keep it somewhere safe: it is shown only this once. If it is lost, give the app a new one.',
    copy: {
      copy: 'Copy the secret',
      copied: 'Copied.',
      copyFailed: 'Could not copy; select the secret and copy it instead.',
    },
    openApp: 'Go to the app’s settings',
  },
  settings: {
    facts: 'About this app',
    id: 'ID',
    kind: 'Kind',
    defaultApp: 'The default app: requests that name no app belong to it',
    consoleApp: 'The console app: its members are the operators',
    ordinaryApp: 'An app',
    hasSecret: 'Has a secret',
    created: 'Created',
    updated: 'Last changed',
    formHeading: 'Settings',
    submit: 'Save settings',
    saved: 'The settings are saved.',
    rotated: 'The app has a new secret.',
    tenantNote:
      'Redirect URLs, CORS origins and the audience are trusted by every app of this installation, so only console operators may change them.',
    readOnlyNote: 'Your operator role may read this app’s settings but not change them.',
    consoleNote: 'Only an operator holding every permission may change the console app.',
    refused: 'This change is not yours to make',
    refusedBody:
      'Redirect URLs, CORS origins and the audience may be changed by console operators only. Nothing was saved.',
    secretHeading: 'Secret',
    secretBody:
      'The app’s servers prove themselves with its secret. A new secret replaces the old one at once.',
    rotate: 'Give the app a new secret',
  },
  rotate: {
    title: (name) => `Give ${name} a new secret?`,
    consequences:
      'The current secret stops working at once: every server using it is refused until it has the new one. The new secret is shown once, on the next page.',
    confirm: 'Yes, replace the secret',
    cancel: 'Cancel',
    notConfirmed: 'Nothing was changed: confirm with the button to replace the secret.',
    doneTitle: 'New secret',
    doneBody: (name) => `${name} has a new secret; the old one no longer works.`,
  },
  notFound: {
    title: 'No such app',
    body: 'There is no such app, or it is not one you may see.',
  },
};
