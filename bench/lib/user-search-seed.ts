/**
 * Fills a migrated Gatehouse database with many users at once for the admin user search bench:
 * multi-row inserts straight into the tables (through Kysely, on the prefixed names), not
 * sign-ups, so 100,000 users take seconds. Deterministic: the same count gives the same users.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_APP_ID, DEFAULT_PLANS } from '../../src/core/apps.js';

type Row = Record<string, string | number | boolean | null>;
type Tables = Record<string, Row>;

const FIRST = ['Ada', 'Bruno', 'Chloé', 'Dmitri', 'Elif', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jun'];
const LAST = [
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quispe',
  'Rossi',
  'Silva',
  'Tanaka',
  'Urban',
  'Varga',
  'Weber',
];
const DOMAINS = ['example.com', 'mail.test', 'corp.example', 'school.test'];

/** The name a handful of users share, so a search can match a few out of all. */
export const RARE_NAME = 'Quenby Xylander';
/** A search (in other case) that finds exactly the users named `RARE_NAME`. */
export const RARE_SEARCH = 'XYLAND';
/** How many users get `RARE_NAME`, spread over the id range. */
export const RARE_COUNT = 5;
const BATCH = 1_000;

export interface SeedTarget {
  readonly url: string;
  /** The store's table prefix (default `gh_`). */
  readonly tablePrefix?: string;
}

function database(url: string): Kysely<Tables> {
  if (url.startsWith('sqlite:')) {
    return new Kysely<Tables>({
      dialect: new SqliteDialect({ database: new Database(url.slice('sqlite:'.length)) }),
    });
  }
  return new Kysely<Tables>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
  });
}

/** A UUIDv7-shaped user id whose time part is `ms`: ids sort in the order of `i`, as real ones do. */
function userId(ms: number, i: number): string {
  const time = ms.toString(16).padStart(12, '0');
  const rest = (i * 2654435761 + 0x9e3779b9).toString(16).padStart(16, '0').slice(-16);
  return `usr_${time}7${rest.slice(0, 3)}${(8 | (i & 3)).toString(16)}${rest.slice(3, 6)}${rest.slice(6, 16)}00`;
}

/**
 * Inserts `count` users (about 2% suspended, 1% revoked, 0.5% deleted; a third unverified; a
 * third with a username, a quarter with a display name), each a member of the default app (1%
 * as `admin`, the rest `member`), then vacuums and analyzes on PostgreSQL as autovacuum would.
 * Returns the seconds it took.
 */
export async function seedUsers(target: SeedTarget, count: number): Promise<number> {
  const started = performance.now();
  const prefix = target.tablePrefix ?? 'gh_';
  const postgres = !target.url.startsWith('sqlite:');
  const db = database(target.url);
  const base = Date.UTC(2026, 0, 1);
  const rare = new Set(
    Array.from({ length: RARE_COUNT }, (_, k) => Math.floor(((k + 0.5) * count) / RARE_COUNT)),
  );
  try {
    for (let from = 0; from < count; from += BATCH) {
      const users: Row[] = [];
      const memberships: Row[] = [];
      for (let i = from; i < Math.min(count, from + BATCH); i++) {
        const first = FIRST[i % FIRST.length]!;
        const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
        const id = userId(base + i, i);
        const status =
          i % 200 === 7 ? 'deleted' : i % 100 === 3 ? 'revoked' : i % 50 === 1 ? 'suspended' : 'active';
        users.push({
          id,
          email: `${first}.${last}${i}@${DOMAINS[i % DOMAINS.length]}`.toLowerCase(),
          username: i % 3 === 0 ? `${first}${i}`.toLowerCase() : null,
          email_verified: postgres ? i % 3 !== 2 : i % 3 !== 2 ? 1 : 0,
          name: rare.has(i) ? RARE_NAME : `${first} ${last}`,
          display_name: i % 4 === 0 ? first : null,
          status,
          created_at: base + i,
          updated_at: base + i,
          deleted_at: status === 'deleted' ? base + count : null,
        });
        memberships.push({
          app_id: DEFAULT_APP_ID,
          user_id: id,
          roles: i % 100 === 0 ? '["admin"]' : '["member"]',
          plan: DEFAULT_PLANS[0]!.name,
          permissions: '[]',
          created_at: base + i,
          updated_at: base + i,
        });
      }
      await db.transaction().execute(async (trx) => {
        await trx.insertInto(`${prefix}users`).values(users).execute();
        await trx.insertInto(`${prefix}memberships`).values(memberships).execute();
      });
    }
    // What autovacuum would soon do anyway; done now, it cannot land in the middle of a measurement.
    if (postgres) await sql`vacuum analyze`.execute(db);
    else await sql`pragma optimize`.execute(db);
  } finally {
    await db.destroy();
  }
  return (performance.now() - started) / 1000;
}
