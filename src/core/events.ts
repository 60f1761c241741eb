/**
 * What happened, as Gatehouse tells it: one typed event per account or session change. Each is
 * announced to `gatehouse.on(...)` handlers and appended to the audit log. Events never carry a
 * password, token or code — only ids, addresses and outcomes.
 */
import type { SessionId, UserId } from './ids.js';

/** Every event type; later capabilities add theirs. */
export const EVENT_TYPES = [
  'user.created',
  'user.signed_in',
  'user.sign_in_failed',
  'user.password_verified',
  'session.revoked',
  'session.refresh_reused',
  'password.changed',
  'user.suspended',
  'user.revoked',
  'user.reactivated',
  'email.verified',
  'password.reset_requested',
  'email.change_requested',
  'email.changed',
  'email.change_cancelled',
  'user.updated',
  'user.deleted',
  'user.restored',
  'user.purged',
  'user.exported',
  'user.reauthenticated',
  'mfa.challenged',
  'mfa.failed',
  'mfa.factor_added',
  'mfa.factor_removed',
  'mfa.reset',
  'mfa.recovery_codes_generated',
  'mfa.recovery_code_used',
  'passkey.assertion_refused',
  'phone.verified',
  'phone.removed',
  'identity.linked',
  'identity.unlinked',
  'passwordless.requested',
  'app.created',
  'app.updated',
  'membership.created',
  'membership.roles_changed',
  'membership.plan_changed',
  'membership.permissions_changed',
  'membership.removed',
  'role.created',
  'role.updated',
  'role.deleted',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'pat.created',
  'pat.revoked',
  /** An operator started a session as the user (`actorId`; `data`: sessionId, appId, reason). */
  'impersonation.started',
  /** An operator exported the audit log (`data`: the format and the filter). */
  'audit.exported',
  /** An operator mailed a user a new email-verification link. */
  'email.verification_sent',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Non-secret details, flat and JSON-safe. */
export type EventData = Readonly<Record<string, string | number | boolean | null>>;

/**
 * A detail for operators only: kept in the audit log and sent to hooks and webhooks, but left
 * out of the user's own data export (e.g. that an address change named an address another
 * account holds — the requester must not learn that).
 */
export const OPERATOR_NOTE = 'operatorNote';

export interface GatehouseEvent<T extends EventType = EventType> {
  readonly type: T;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly outcome: 'success' | 'failure';
  readonly userId: UserId | null;
  readonly sessionId: SessionId | null;
  /**
   * Who acted when it was not the user themselves: an operator's user id (admin API, or a
   * session they started as the user), or `cli` for the command line; null otherwise.
   */
  readonly actorId: string | null;
  /** What was acted on: the user (the default), or an app, role, invitation or token id. */
  readonly targetId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly data: EventData;
}
