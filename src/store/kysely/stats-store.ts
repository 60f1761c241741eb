/**
 * StatsStore on Kysely: each figure is a GROUP BY or two, so the cost grows with the rows
 * counted, never with round trips; each query starts from the smaller side, as both planners
 * pick it (measured on 100,000 users and audit events). Per-app sign-ins read the `appId` the
 * sign-in events carry in their JSON data, the one place the dialects differ.
 */
import { type Expression, type Kysely, sql } from 'kysely';
import type { UserStatus } from '../../core/entities.js';
import type { EventType } from '../../core/events.js';
import type { AppActivity, DailyEventCount, FactorCounts, StatsStore } from '../ports/stats-store.js';
import { booleanValue, type StoreContext } from './context.js';
import type { Database } from './schema.js';

const DAY_MS = 86_400_000;

/**
 * The least audit id made at `ms` or later. An audit id's time part is never before its record's
 * `at` (the event bus makes the id from `at`, and `monotonicIds` only ever moves it forward), so
 * `id >= idFloor(since)` drops no record with `at >= since`; it lets the (type, id) index read
 * only the window instead of every record of the type.
 */
function idFloor(ms: number): string {
  return `evt_${ms.toString(16).padStart(12, '0')}${'0'.repeat(20)}`;
}

/** One row per user and kind of factor they have (totp and phone rows are one per user already). */
function factorsOf(db: Kysely<Database>) {
  const kind = (name: keyof FactorCounts) => sql.lit(name).as('kind');
  const activeTotp = () => db.selectFrom('totp_factors').select('user_id').where('status', '=', 'active');
  return () =>
    db
      .selectFrom('totp_factors')
      .select([kind('totp'), 'user_id'])
      .where('status', '=', 'active')
      .unionAll(
        db
          .selectFrom('passkeys')
          .select([kind('passkey'), 'user_id'])
          .distinct(),
      )
      .unionAll(db.selectFrom('phone_factors').select([kind('phone'), 'user_id']))
      .unionAll(
        db
          .selectFrom('recovery_codes')
          .select([kind('recoveryCodes'), 'user_id'])
          .distinct()
          .where('used_at', 'is', null),
      )
      .unionAll(
        db
          .selectFrom(
            activeTotp()
              .union(db.selectFrom('passkeys').select('user_id'))
              .union(db.selectFrom('phone_factors').select('user_id'))
              .as('second'),
          )
          .select([kind('any'), 'second.user_id']),
      );
}

export function kyselyStatsStore({ db, kind }: StoreContext): StatsStore {
  const eventAppId =
    kind === 'postgres'
      ? sql<string | null>`cast(data as json) ->> 'appId'`
      : kind === 'mysql'
        ? // MySQL's json_extract returns the JSON text, quotes included; json_value the string.
          sql<string | null>`json_value(data, '$.appId')`
        : sql<string | null>`json_extract(data, '$.appId')`;

  const factorUsers = factorsOf(db);

  return {
    async users() {
      // Two queries, not one: the status counts read only the (status, id) index; one query
      // summing both makes SQLite visit every row through that index, several times slower.
      const [statuses, unverified] = await Promise.all([
        db
          .selectFrom('users')
          .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
          .groupBy('status')
          .execute(),
        db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('email', 'is not', null)
          .where('email_verified', '=', booleanValue(kind, false))
          .where('status', '!=', 'deleted')
          .executeTakeFirstOrThrow(),
      ]);
      const byStatus: Record<UserStatus, number> = { active: 0, suspended: 0, revoked: 0, deleted: 0 };
      for (const row of statuses) byStatus[row.status as UserStatus] = Number(row.n);
      return { byStatus, unverified: Number(unverified.n) };
    },

    async eventsPerDay(types, since) {
      if (types.length === 0) return [];
      // Integer division: MySQL's `/` gives a decimal, its `div` truncates like the others' `/`.
      const day =
        kind === 'mysql'
          ? sql<number | string>`at div ${sql.lit(DAY_MS)}`
          : sql<number | string>`at / ${sql.lit(DAY_MS)}`;
      const rows = await db
        .selectFrom('audit_events')
        .select((eb) => ['type', 'outcome', day.as('day'), eb.fn.countAll<number | string>().as('n')])
        .where('type', 'in', [...types])
        .where('id', '>=', idFloor(since))
        .where('at', '>=', since)
        .groupBy(['type', 'outcome', day])
        .execute();
      return rows.map(
        (row): DailyEventCount => ({
          type: row.type as EventType,
          outcome: row.outcome as DailyEventCount['outcome'],
          day: Number(row.day),
          count: Number(row.n),
        }),
      );
    },

    async factors() {
      // Counted over every user, then the users who are not active taken away: both queries
      // start from small sets (the factor rows; the few users not active, through the status
      // index), where "factor rows joined to active users" has both planners read every user.
      const rows = (users: 'all' | 'inactive') => {
        let query = db
          .selectFrom(factorUsers().as('f'))
          .select((eb) => ['f.kind', eb.fn.countAll<number | string>().as('n')])
          .groupBy('f.kind');
        if (users === 'inactive') {
          query = query
            .innerJoin('users as u', 'u.id', 'f.user_id')
            .where('u.status', 'in', ['suspended', 'revoked', 'deleted']);
        }
        return query.execute();
      };
      const [all, inactive] = await Promise.all([rows('all'), rows('inactive')]);
      const counts: Record<keyof FactorCounts, number> = {
        totp: 0,
        passkey: 0,
        phone: 0,
        recoveryCodes: 0,
        any: 0,
      };
      for (const row of all) counts[row.kind as keyof FactorCounts] += Number(row.n);
      for (const row of inactive) counts[row.kind as keyof FactorCounts] -= Number(row.n);
      return counts;
    },

    async apps(now, since) {
      const [members, deletedMembers, sessions, signIns] = await Promise.all([
        db
          .selectFrom('memberships')
          .select((eb) => ['app_id as app', eb.fn.countAll<number | string>().as('n')])
          .groupBy('app_id')
          .execute(),
        // Subtracted from the above: joining every membership to its user costs several times
        // more than counting the few deleted users' memberships.
        db
          .selectFrom('users as u')
          .innerJoin('memberships as m', 'm.user_id', 'u.id')
          .select((eb) => ['m.app_id as app', eb.fn.countAll<number | string>().as('n')])
          .where('u.status', '=', 'deleted')
          .groupBy('m.app_id')
          .execute(),
        db
          .selectFrom('sessions')
          .select((eb) => ['app_id as app', eb.fn.countAll<number | string>().as('n')])
          .where('revoked_at', 'is', null)
          .where('idle_expires_at', '>', now)
          .where('expires_at', '>', now)
          .groupBy('app_id')
          .execute(),
        db
          .selectFrom('audit_events')
          .select((eb) => [eventAppId.as('app'), eb.fn.countAll<number | string>().as('n')])
          .where('type', '=', 'user.signed_in')
          .where('id', '>=', idFloor(since))
          .where('outcome', '=', 'success')
          .where('at', '>=', since)
          .groupBy(eventAppId as Expression<string | null>)
          .execute(),
      ]);
      const byApp = new Map<string, { members: number; liveSessions: number; signIns: number }>();
      const entry = (app: string) => {
        const found = byApp.get(app) ?? { members: 0, liveSessions: 0, signIns: 0 };
        byApp.set(app, found);
        return found;
      };
      for (const row of members) entry(row.app).members = Number(row.n);
      for (const row of deletedMembers) entry(row.app).members -= Number(row.n);
      for (const row of sessions) entry(row.app).liveSessions = Number(row.n);
      // Sign-ins from before apps existed name none.
      for (const row of signIns) if (row.app) entry(row.app).signIns = Number(row.n);
      return [...byApp].map(([appId, counts]): AppActivity => ({ appId, ...counts }));
    },
  };
}
