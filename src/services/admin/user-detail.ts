/**
 * Operators: everything about one user on one page — profile, status and dates, whether a
 * password is set, second factors, linked identities, memberships, live sessions, personal
 * access tokens and the latest audit events about them — and never a secret: no hash, no key,
 * no token, the phone masked. A tenant admin sees the user only while they are a member of
 * their app, and then only that app's membership, sessions and tokens and no audit events (their
 * role has no `audit:read`, and events name other apps); anything else is 404 (AZ-04).
 */
import { GatehouseError } from '../../core/errors.js';
import type { UserId } from '../../core/ids.js';
import { maskPhone } from '../../core/phone.js';
import type { AuditRecord } from '../../store/ports/audit-store.js';
import { retentionMs } from '../accounts/restore-user.js';
import type { ServiceContext } from '../context.js';
import { pendingEmailOf } from '../email-change/pending-email.js';
import { type IdentityView, identityView } from '../identities/identity-view.js';
import { type MembershipView, membershipView } from '../memberships/membership-view.js';
import { checkUserInScope, type OperatorScope } from '../operators/operator-scope.js';
import { type PasskeyView, passkeyView } from '../passkeys/passkey-view.js';
import { type PatView, patView } from '../pats/pat-view.js';
import { type Me, me } from '../views.js';
import { inReach } from './access-target.js';
import { type AuditEventView, auditEventView } from './audit-event-view.js';
import { type UserSessionView, userSessionView } from './list-user-sessions.js';

/** How many of the latest audit events about the user the detail carries. */
export const RECENT_EVENTS = 20;

export interface AdminUserView extends Me {
  /** ISO 8601: when a deleted user was deleted; null otherwise. */
  readonly deletedAt: string | null;
  /** ISO 8601: until when a deleted user can be restored; null when not deleted. */
  readonly restorableUntil: string | null;
}

export interface UserDetail {
  readonly user: AdminUserView;
  readonly password: { readonly set: boolean; readonly setAt: string | null };
  readonly factors: {
    readonly totp: { readonly enabled: boolean; readonly activatedAt: string | null };
    readonly passkeys: readonly PasskeyView[];
    /** The verified phone (SMS factor), masked. */
    readonly phone: { readonly phone: string; readonly verifiedAt: string } | null;
    readonly recoveryCodes: { readonly remaining: number };
  };
  readonly identities: readonly IdentityView[];
  readonly memberships: readonly MembershipView[];
  /** Live sessions, newest first. */
  readonly sessions: readonly UserSessionView[];
  /** Personal access tokens that are not revoked (never a secret). */
  readonly tokens: readonly PatView[];
  /** The latest audit events about the user, newest first (console operators only). */
  readonly recentEvents: readonly AuditEventView[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * @example
 * const { user, sessions, factors } = await gatehouse.getUserDetail('usr_…');
 */
export async function getUserDetail(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<UserDetail> {
  const id = await checkUserInScope(ctx, scope, userId);
  const [user, profile] = await Promise.all([ctx.store.users.findById(id), ctx.store.users.findProfile(id)]);
  if (!user || !profile) throw new GatehouseError('NOT_FOUND', 'No such user');
  const store = ctx.store;
  const now = ctx.clock.now();
  const [deletedAt, password, totp, passkeys, phone, codes, identities, memberships, sessions, pats] =
    await Promise.all([
      user.status === 'deleted' ? store.users.findDeletedAt(id) : null,
      store.credentials.findActivePassword(id),
      store.totp.find(id),
      store.passkeys.listForUser(id),
      store.phones.find(id),
      store.recoveryCodes.countUnused(id),
      store.identities.listForUser(id),
      store.memberships.listForUser(id),
      store.sessions.listLive(id, now),
      store.pats.listForUser(id),
    ]);
  const events = scope?.appId ? [] : await recentEvents(ctx, id);
  const activeTotp = totp?.status === 'active' ? totp : null;
  return {
    user: {
      ...me(user, profile, {
        hasPassword: password !== null,
        pendingEmail: await pendingEmailOf(ctx, id, now),
      }),
      deletedAt: deletedAt === null ? null : iso(deletedAt),
      restorableUntil: deletedAt === null ? null : iso(deletedAt + retentionMs(ctx)),
    },
    password: { set: password !== null, setAt: password ? iso(password.createdAt) : null },
    factors: {
      totp: {
        enabled: activeTotp !== null,
        activatedAt: activeTotp ? iso(activeTotp.activatedAt ?? activeTotp.createdAt) : null,
      },
      passkeys: passkeys.map(passkeyView),
      phone: phone ? { phone: maskPhone(phone.phone), verifiedAt: iso(phone.verifiedAt) } : null,
      recoveryCodes: { remaining: codes },
    },
    identities: identities.map(identityView),
    memberships: memberships.filter((m) => inReach(scope, m.appId)).map(membershipView),
    sessions: sessions.filter((s) => inReach(scope, s.appId)).map(userSessionView),
    tokens: pats.filter((p) => inReach(scope, p.appId)).map(patView),
    recentEvents: events.map(auditEventView),
  };
}

/** The latest records by the user or about them (their id as the target), newest first. */
async function recentEvents(ctx: ServiceContext, id: UserId): Promise<AuditRecord[]> {
  const [own, about] = await Promise.all([
    ctx.store.audit.list({ userId: id, limit: RECENT_EVENTS }),
    ctx.store.audit.list({ targetId: id, limit: RECENT_EVENTS }),
  ]);
  const byId = new Map([...own, ...about].map((r) => [r.id, r]));
  return [...byId.values()].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, RECENT_EVENTS);
}
