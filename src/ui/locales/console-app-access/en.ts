/**
 * The admin console's pages about who has access to one app (`/console/apps/:id/roles…`,
 * `…/members`, `…/invitations`), English: its roles and their permissions, its members, and
 * the invitations to it. The interface is here too; `de.ts` follows it and `index.ts` picks the
 * one for a page.
 */

export interface ConsoleAppAccessStrings {
  readonly common: {
    readonly errorSummaryTitle: string;
    readonly none: string;
    readonly cancel: string;
    readonly notConfirmed: string;
    readonly noSuchApp: { readonly title: string; readonly body: string; readonly back: string };
  };
  readonly roles: {
    readonly title: (app: string) => string;
    readonly heading: string;
    readonly name: string;
    readonly description: string;
    readonly permissions: string;
    readonly kind: string;
    readonly builtIn: string;
    readonly custom: string;
    readonly defaultRole: string;
    readonly action: string;
    readonly open: string;
    readonly addHeading: string;
    readonly nameLabel: string;
    readonly nameHint: string;
    readonly descriptionLabel: string;
    readonly descriptionHint: string;
    readonly permissionsLabel: string;
    readonly permissionsHint: string;
    readonly add: string;
    readonly invalid: {
      readonly nameMissing: string;
      readonly name: string;
      readonly exists: string;
      readonly permissions: string;
      readonly description: string;
    };
    readonly done: {
      readonly created: (name: string) => string;
      readonly updated: (name: string) => string;
      readonly deleted: (name: string) => string;
    };
  };
  readonly role: {
    readonly title: (role: string, app: string) => string;
    readonly back: string;
    readonly builtInNote: string;
    readonly adminNote: string;
    readonly defaultNote: string;
    readonly changeHeading: string;
    readonly save: string;
    readonly deleteHeading: string;
    readonly deleteIntro: string;
    readonly deleteButton: string;
    readonly cannotDelete: string;
    readonly confirmTitle: (role: string) => string;
    readonly confirmBody: string;
    readonly confirmButton: string;
    readonly inUse: {
      readonly builtIn: string;
      readonly defaultRole: string;
      readonly held: string;
    };
    readonly noSuchRole: { readonly title: string; readonly body: string };
  };
  readonly members: {
    readonly title: (app: string) => string;
    readonly heading: string;
    readonly intro: string;
    readonly search: string;
    readonly user: string;
    readonly roles: string;
    readonly plan: string;
    readonly permissions: string;
    readonly joined: string;
    readonly action: string;
    readonly manage: string;
    readonly none: string;
    readonly pager: string;
    readonly next: string;
    readonly first: string;
    readonly badCursor: string;
  };
  readonly invitations: {
    readonly title: (app: string) => string;
    readonly heading: string;
    readonly intro: string;
    readonly email: string;
    readonly role: string;
    readonly status: string;
    readonly open: string;
    readonly sent: string;
    readonly expires: string;
    readonly action: string;
    readonly revoke: string;
    readonly none: string;
    readonly addHeading: string;
    readonly emailLabel: string;
    readonly emailHint: string;
    readonly roleLabel: string;
    readonly roleHint: string;
    readonly send: string;
    readonly invalid: {
      readonly emailMissing: string;
      readonly email: string;
      readonly role: string;
      readonly roleNotHeld: string;
    };
    readonly appInactive: string;
    readonly done: {
      readonly sent: (email: string) => string;
      readonly revoked: string;
    };
    readonly confirmTitle: (email: string) => string;
    readonly confirmBody: string;
    readonly confirmButton: string;
    readonly keep: string;
    readonly gone: string;
  };
}

export const en: ConsoleAppAccessStrings = {
  common: {
    errorSummaryTitle: 'There is a problem',
    none: '—',
    cancel: 'Cancel',
    notConfirmed: 'Nothing was done: confirm with the button below.',
    noSuchApp: {
      title: 'No such app',
      body: 'There is no app with this id, or it is beyond what your role reaches.',
      back: 'Back to the apps',
    },
  },
  roles: {
    title: (app) => `Roles of ${app}`,
    heading: 'Roles',
    name: 'Role',
    description: 'Description',
    permissions: 'Permissions',
    kind: 'Kind',
    builtIn: 'Built in',
    custom: 'Custom',
    defaultRole: 'default for new members',
    action: 'Action',
    open: 'Change',
    addHeading: 'Add a role',
    nameLabel: 'Name',
    nameHint: 'Lower-case letters, digits, _ or -, starting with a letter; at most 40 characters.',
    descriptionLabel: 'Description (optional)',
    descriptionHint: 'What the role is for, at most 200 characters.',
    permissionsLabel: 'Permissions (optional)',
    permissionsHint:
      'One per line, as resource:action — for example invoices:read, or invoices:* for every action.',
    add: 'Add role',
    invalid: {
      nameMissing: 'Enter a name for the role.',
      name: 'Use lower-case letters, digits, _ or -, starting with a letter (at most 40 characters).',
      exists: 'The app already has a role by that name.',
      permissions:
        'Write each permission as resource:action (the action may be *), or * alone, once each, at most 100.',
      description: 'Keep the description to one line of at most 200 characters.',
    },
    done: {
      created: (name) => `The role ${name} was added.`,
      updated: (name) => `The role ${name} was saved.`,
      deleted: (name) => `The role ${name} was deleted.`,
    },
  },
  role: {
    title: (role, app) => `Role ${role} of ${app}`,
    back: 'Back to the roles',
    builtInNote: 'Every app has this built-in role; it can be changed but not deleted.',
    adminNote: 'The admin role always holds every permission (*): only its description can be changed.',
    defaultNote: 'New members get this role: it cannot be deleted while it is the app’s default.',
    changeHeading: 'Change the role',
    save: 'Save role',
    deleteHeading: 'Delete the role',
    deleteIntro:
      'A role can be deleted only when nobody holds it, it is not the default role and no open invitation gives it.',
    deleteButton: 'Delete role',
    cannotDelete: 'Built-in roles cannot be deleted.',
    confirmTitle: (role) => `Delete the role ${role}?`,
    confirmBody: 'The role and its permissions are removed from the app. This cannot be undone.',
    confirmButton: 'Delete the role',
    inUse: {
      builtIn: 'Built-in roles cannot be deleted.',
      defaultRole: 'This is the app’s default role: choose another default in the app’s settings first.',
      held: 'The role is still in use: members hold it or an open invitation gives it. Take it from them or withdraw the invitation first.',
    },
    noSuchRole: { title: 'No such role', body: 'This app has no role by that name.' },
  },
  members: {
    title: (app) => `Members of ${app}`,
    heading: 'Members',
    intro:
      'To change a member’s roles, plan or permissions, or to remove them from the app, open their page.',
    search: 'Search the members by name or address',
    user: 'User',
    roles: 'Roles',
    plan: 'Plan',
    permissions: 'Own permissions',
    joined: 'Joined',
    action: 'Action',
    manage: 'Manage',
    none: 'This app has no members yet.',
    pager: 'Pages',
    next: 'Next page',
    first: 'First page',
    badCursor: 'That page link is not valid: here is the first page.',
  },
  invitations: {
    title: (app) => `Invitations to ${app}`,
    heading: 'Open invitations',
    intro: 'Invitations not yet accepted, withdrawn or expired, newest first.',
    email: 'Address',
    role: 'Role',
    status: 'Status',
    open: 'Waiting for an answer',
    sent: 'Sent',
    expires: 'Expires',
    action: 'Action',
    revoke: 'Withdraw',
    none: 'There are no open invitations.',
    addHeading: 'Invite someone',
    emailLabel: 'Email address',
    emailHint: 'We send a link to this address; it can be used once and works for 7 days.',
    roleLabel: 'Role',
    roleHint: 'The role they get when they accept.',
    send: 'Send invitation',
    invalid: {
      emailMissing: 'Enter the address to invite.',
      email: 'Enter an email address like name@example.com.',
      role: 'Choose one of the app’s roles.',
      roleNotHeld: 'You can invite operators only to a role whose permissions you hold yourself.',
    },
    appInactive: 'This app is disabled: nobody can be invited to it until it is active again.',
    done: {
      sent: (email) => `An invitation was sent to ${email}.`,
      revoked: 'The invitation was withdrawn: its link no longer works.',
    },
    confirmTitle: (email) => `Withdraw the invitation for ${email}?`,
    confirmBody: 'The link in the mail stops working at once. You can invite the address again later.',
    confirmButton: 'Withdraw the invitation',
    keep: 'Keep it',
    gone: 'That invitation is no longer open.',
  },
};
