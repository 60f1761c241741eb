/**
 * Everything Gatehouse holds about the signed-in user, as one JSON document
 * (`GET /auth/me/export`, for data-portability requests): account and profile, credentials,
 * sessions, second factors, mailed links still pending, and the user's audit records. Secrets
 * are never part of it: no password hashes, no token hashes, no factor secrets or codes.
 */
import { type EventData, OPERATOR_NOTE } from '../../core/events.js';
import type { AuditRecord } from '../../store/ports/audit-store.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { SECOND_FACTORS } from '../mfa/methods.js';
import { meOf } from '../profile/get-me.js';
import { getSession } from '../sessions/get-session.js';
import { requireOwnSession } from '../sessions/own-session.js';
import { type Me, sessionListing } from '../views.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const AUDIT_PAGE = 500;

export interface DataExport {
  readonly exportedAt: string;
  readonly user: Me;
  readonly credentials: ReadonlyArray<{
    id: string;
    kind: string;
    createdAt: string | null;
    revokedAt: string | null;
  }>;
  readonly sessions: ReadonlyArray<
    ReturnType<typeof sessionListing> & { endedAt: string | null; endedBecause: string | null }
  >;
  /** Each second-factor method's summary (as `GET /auth/mfa` shows it), null when not set up. */
  readonly secondFactors: Readonly<Record<string, Record<string, unknown> | null>>;
  readonly pendingLinks: ReadonlyArray<{
    purpose: string;
    sentTo: string;
    sentAt: string | null;
    expiresAt: string | null;
  }>;
  readonly auditEvents: ReadonlyArray<Omit<AuditRecord, 'at'> & { at: string | null }>;
  /** The apps the user belongs to: roles, plan and permissions granted directly. */
  readonly memberships: ReadonlyArray<{
    appId: string;
    roles: readonly string[];
    plan: string;
    permissions: readonly string[];
    since: string | null;
  }>;
  /** Personal access tokens not revoked (never their secrets). */
  readonly personalAccessTokens: ReadonlyArray<{
    id: string;
    appId: string;
    name: string;
    scopes: readonly string[];
    createdAt: string | null;
    expiresAt: string | null;
    lastUsedAt: string | null;
  }>;
}

function withoutOperatorNote(data: EventData): EventData {
  if (!(OPERATOR_NOTE in data)) return data;
  const { [OPERATOR_NOTE]: _note, ...rest } = data;
  return rest;
}

export async function exportData(
  ctx: ServiceContext,
  accessToken: string,
  client: ClientInfo = {},
): Promise<DataExport> {
  const { user, session } = await getSession(ctx, accessToken);
  requireOwnSession(session);
  const now = ctx.clock.now();
  const [me, credentials, sessions, links, memberships, pats] = await Promise.all([
    meOf(ctx, user),
    ctx.store.credentials.listForUser(user.id),
    ctx.store.sessions.listForUser(user.id),
    ctx.store.verificationTokens.listLive(user.id, now),
    ctx.store.memberships.listForUser(user.id),
    ctx.store.pats.listForUser(user.id),
  ]);
  const summaries = await Promise.all(SECOND_FACTORS.map((f) => f.summary(ctx, user.id)));
  const auditEvents: AuditRecord[] = [];
  for (let before: AuditRecord['id'] | undefined; ; ) {
    const page = await ctx.store.audit.list({
      userId: user.id,
      limit: AUDIT_PAGE,
      ...(before ? { before } : {}),
    });
    auditEvents.push(...page);
    if (page.length < AUDIT_PAGE) break;
    before = page[page.length - 1]!.id;
  }
  await ctx.events.emit({ type: 'user.exported', userId: user.id, sessionId: session.id, client });
  return {
    exportedAt: iso(now)!,
    user: me,
    credentials: credentials.map((c) => ({
      id: c.id,
      kind: c.kind,
      createdAt: iso(c.createdAt),
      revokedAt: iso(c.revokedAt),
    })),
    sessions: sessions.map((s) => ({
      ...sessionListing(s, session.id),
      endedAt: iso(s.revokedAt),
      endedBecause: s.revokedReason,
    })),
    secondFactors: Object.fromEntries(SECOND_FACTORS.map((f, i) => [f.method, summaries[i] ?? null])),
    pendingLinks: links.map((l) => ({
      purpose: l.purpose,
      sentTo: l.email,
      sentAt: iso(l.createdAt),
      expiresAt: iso(l.expiresAt),
    })),
    auditEvents: auditEvents.map((e) => ({ ...e, data: withoutOperatorNote(e.data), at: iso(e.at) })),
    memberships: memberships.map((m) => ({
      appId: m.appId,
      roles: m.roles,
      plan: m.plan,
      permissions: m.permissions,
      since: iso(m.createdAt),
    })),
    personalAccessTokens: pats.map((p) => ({
      id: p.id,
      appId: p.appId,
      name: p.name,
      scopes: p.scopes,
      createdAt: iso(p.createdAt),
      expiresAt: iso(p.expiresAt),
      lastUsedAt: iso(p.lastUsedAt),
    })),
  };
}
