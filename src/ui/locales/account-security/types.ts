/**
 * The shape of the account's security pages' strings (`/account/security…`,
 * `/account/identities…`, `/account/tokens…`): second factors (authenticator app, recovery codes,
 * passkeys, phone), linked sign-in providers and personal access tokens. Strings that take values
 * are functions, so each language places them where its grammar needs.
 */

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
