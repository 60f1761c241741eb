/**
 * The installation's figures for operators (`GET /admin/stats`): users by status, sign-ups,
 * sign-ins and failed sign-ins per UTC day for the last 30 days (today included, so far), live
 * sessions, second factors in use, and members, live sessions and sign-ins per app. A handful of
 * aggregate queries (see the stats store), whatever the number of users. Reading is not audited.
 *
 * Sign-ups count `user.created` and sign-ins `user.signed_in` (successes both), failures
 * `user.sign_in_failed`, from the audit log: with `auditRetentionDays` shorter than 30, the older
 * days read as zero.
 */
import type { App } from '../../core/apps.js';
import type { EventType } from '../../core/events.js';
import type { AppActivity, DailyEventCount } from '../../store/ports/stats-store.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';

export const STATS_DAYS = 30;
const DAY_MS = 86_400_000;
const DAILY_TYPES: readonly EventType[] = ['user.created', 'user.signed_in', 'user.sign_in_failed'];

export interface StatsQuery {
  /** Only this app in `apps` (404 `APP_NOT_FOUND` for an unknown one). */
  readonly appId?: string;
}

export interface StatsDay {
  /** `YYYY-MM-DD`, UTC. */
  readonly date: string;
  readonly signUps: number;
  readonly signIns: number;
  readonly failedSignIns: number;
}

export interface AppStats {
  readonly appId: string;
  readonly name: string;
  readonly status: App['status'];
  /** Members who are not deleted. */
  readonly members: number;
  readonly activeSessions: number;
  /** Successful sign-ins at the app over the 30 days. */
  readonly signIns: number;
}

export interface InstallationStats {
  /** ISO 8601: when the figures were read. */
  readonly at: string;
  readonly users: {
    /** Every account, deleted ones (still restorable) included. */
    readonly total: number;
    readonly active: number;
    readonly suspended: number;
    readonly revoked: number;
    readonly deleted: number;
    /** Not deleted, with an address that is not verified. */
    readonly unverified: number;
  };
  /** The last 30 UTC days, oldest first, every day present (zero when nothing happened). */
  readonly days: readonly StatsDay[];
  /** The sums of `days`. */
  readonly last30Days: { readonly signUps: number; readonly signIns: number; readonly failedSignIns: number };
  /** Sessions live now, at every app. */
  readonly activeSessions: number;
  /** Active users with each kind of second factor (`any`: TOTP, a passkey or a phone). */
  readonly factors: {
    readonly totp: number;
    readonly passkey: number;
    readonly phone: number;
    readonly recoveryCodes: number;
    readonly any: number;
  };
  /** Every app (or the one asked for), in the order of creation. */
  readonly apps: readonly AppStats[];
}

/**
 * @example
 * const stats = await gatehouse.getStats();
 * stats.days.at(-1); // { date: '2024-06-30', signUps: 3, signIns: 41, failedSignIns: 2 }
 */
export async function getStats(ctx: ServiceContext, query: StatsQuery = {}): Promise<InstallationStats> {
  const only = query.appId === undefined ? null : await findApp(ctx, query.appId);
  const now = ctx.clock.now();
  const today = Math.floor(now / DAY_MS);
  const firstDay = today - (STATS_DAYS - 1);
  const since = firstDay * DAY_MS;
  const stats = ctx.store.stats;
  const users = await stats.users();
  const events = await stats.eventsPerDay(DAILY_TYPES, since);
  const factors = await stats.factors();
  const activity = await stats.apps(now, since);
  const apps = only ? [only] : await ctx.store.apps.list();

  const days = dailySeries(events, firstDay);
  const sum = (key: keyof Omit<StatsDay, 'date'>) => days.reduce((total, day) => total + day[key], 0);
  const byApp = new Map<string, AppActivity>(activity.map((a) => [a.appId, a]));
  const { byStatus } = users;
  return {
    at: new Date(now).toISOString(),
    users: {
      total: byStatus.active + byStatus.suspended + byStatus.revoked + byStatus.deleted,
      active: byStatus.active,
      suspended: byStatus.suspended,
      revoked: byStatus.revoked,
      deleted: byStatus.deleted,
      unverified: users.unverified,
    },
    days,
    last30Days: { signUps: sum('signUps'), signIns: sum('signIns'), failedSignIns: sum('failedSignIns') },
    activeSessions: activity.reduce((total, a) => total + a.liveSessions, 0),
    factors,
    apps: apps.map((app) => {
      const found = byApp.get(app.id);
      return {
        appId: app.id,
        name: app.name,
        status: app.status,
        members: found?.members ?? 0,
        activeSessions: found?.liveSessions ?? 0,
        signIns: found?.signIns ?? 0,
      };
    }),
  };
}

function dailySeries(events: readonly DailyEventCount[], firstDay: number): StatsDay[] {
  const days = Array.from({ length: STATS_DAYS }, (_, i) => ({
    date: new Date((firstDay + i) * DAY_MS).toISOString().slice(0, 10),
    signUps: 0,
    signIns: 0,
    failedSignIns: 0,
  }));
  for (const { type, outcome, day, count } of events) {
    const slot = days[day - firstDay];
    if (!slot) continue;
    if (type === 'user.created' && outcome === 'success') slot.signUps += count;
    else if (type === 'user.signed_in' && outcome === 'success') slot.signIns += count;
    else if (type === 'user.sign_in_failed') slot.failedSignIns += count;
  }
  return days;
}
