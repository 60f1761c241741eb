/**
 * Identities (issuer + subject) on both databases, and migration 0012 on a SQLite database that
 * already holds accounts: the users table is rebuilt to make the address optional, and nothing
 * that hangs off a user may be lost on the way (dropping a referenced table with foreign keys
 * on would cascade).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IdentityId, newId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import { storeFromUrl } from '../../src/store/from-url.js';
import { createMigrator } from '../../src/store/kysely/migrator.js';
import type { Database as Schema } from '../../src/store/kysely/schema.js';
import { tableNames } from '../../src/store/kysely/tables.js';
import type { Identity } from '../../src/store/ports/identity-store.js';
import type { Store } from '../../src/store/ports/store.js';
import { aCredential, aSession, aUser, seedSession, seedUser, T0 } from '../support/entities.js';
import { freshStore, storeKinds } from '../support/stores.js';

const anIdentity = (userId: Identity['userId'], overrides: Partial<Identity> = {}): Identity => ({
  id: newId('idn', T0, systemRandom) as IdentityId,
  userId,
  provider: 'google',
  issuer: 'https://accounts.google.com',
  subject: `sub-${Math.random().toString(36).slice(2)}`,
  email: 'someone@gmail.com',
  emailVerified: true,
  createdAt: T0,
  lastUsedAt: null,
  ...overrides,
});

describe.each(storeKinds)('identities (%s)', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(kind));
  });
  afterEach(() => cleanup());

  it('links an identity once per (issuer, subject), finds it by both, and unlinks only the owner’s', async () => {
    const { user } = await seedUser(store);
    const { user: other } = await seedUser(store);
    const identity = anIdentity(user.id);
    expect(await store.identities.link(identity)).toBe(true);
    expect(await store.identities.findBySubject(identity.issuer, identity.subject)).toEqual(identity);
    // The same subject at another issuer is another identity; the same pair again is refused.
    expect(
      await store.identities.link(
        anIdentity(other.id, { subject: identity.subject, issuer: 'https://appleid.apple.com' }),
      ),
    ).toBe(true);
    expect(await store.identities.link(anIdentity(other.id, { subject: identity.subject }))).toBe(false);
    expect(await store.identities.findBySubject(identity.issuer, identity.subject.toUpperCase())).toBeNull();
    expect(await store.identities.listForUser(user.id)).toEqual([identity]);
    expect(await store.identities.unlink(other.id, identity.id)).toBe(false);
    expect(await store.identities.touch(identity.id, 'new@gmail.com', false, T0 + 1)).toBe(true);
    expect(await store.identities.findBySubject(identity.issuer, identity.subject)).toMatchObject({
      email: 'new@gmail.com',
      emailVerified: false,
      lastUsedAt: T0 + 1,
    });
    expect(await store.identities.unlink(user.id, identity.id)).toBe(true);
    expect(await store.identities.listForUser(user.id)).toEqual([]);
  });

  it('creates an account with its first identity in one transaction, or nothing', async () => {
    const user = aUser({ email: null, emailVerified: false });
    const identity = anIdentity(user.id);
    expect(await store.identities.createUser(user, identity)).toBe('created');
    expect(await store.users.findById(user.id)).toEqual(user);

    const again = aUser({ email: null });
    expect(
      await store.identities.createUser(again, anIdentity(again.id, { subject: identity.subject })),
    ).toBe('identity_taken');
    expect(await store.users.findById(again.id)).toBeNull();

    const { user: holder } = await seedUser(store);
    const clash = aUser({ email: holder.email });
    expect(await store.identities.createUser(clash, anIdentity(clash.id))).toBe('email_taken');
    expect(await store.users.findById(clash.id)).toBeNull();
    // Any number of accounts may lack an address.
    const third = aUser({ email: null });
    expect(await store.identities.createUser(third, anIdentity(third.id))).toBe('created');
  });

  it('takes a never-verified address away, ending the sessions; never a verified or changed one', async () => {
    const { user, credential } = await seedUser(store, { emailVerified: false });
    await seedSession(store, user, credential);
    const identity = anIdentity(user.id);
    await store.identities.link(identity);
    expect(await store.users.releaseUnverifiedEmail(user.id, 'someone-else@example.com', T0)).toBe(false);
    expect(await store.sessions.listLive(user.id, T0)).toHaveLength(1);
    expect(await store.users.releaseUnverifiedEmail(user.id, user.email!, T0 + 1)).toBe(true);
    expect(await store.users.findById(user.id)).toEqual({ ...user, email: null, updatedAt: T0 + 1 });
    expect(await store.users.findByEmail(user.email!)).toBeNull();
    expect(await store.sessions.listLive(user.id, T0)).toEqual([]);
    // The rest of the account stays: its password and its own identities.
    expect(await store.credentials.findActivePassword(user.id)).toEqual(credential);
    expect(await store.identities.listForUser(user.id)).toEqual([identity]);
    // The address is free for its owner now.
    await store.users.create(aUser({ email: user.email, emailVerified: true }));
    const { user: verified } = await seedUser(store, { emailVerified: true });
    expect(await store.users.releaseUnverifiedEmail(verified.id, verified.email!, T0)).toBe(false);
    expect(await store.users.findById(verified.id)).toEqual(verified);
  });
});

describe('migration 0012 on a SQLite database with accounts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-0012-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every user, credential and session, makes the address optional and keeps foreign keys working', async () => {
    const file = join(dir, 'old.db');
    const names = tableNames('gh_');
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
    const migrated = await createMigrator(db, names, 'sqlite').migrateTo('0011_phones');
    expect(migrated.error).toBeUndefined();
    await db.destroy();
    // Rows as the schema before 0012 holds them (written raw: today's store writes `username`).
    const user = aUser({ email: 'old@example.com', emailVerified: false, name: 'Old Timer' });
    const credential = aCredential(user.id);
    const session = aSession(user.id, credential.id);
    const old = new Database(file);
    old
      .prepare(
        'INSERT INTO gh_users (id, email, email_verified, name, status, created_at, updated_at) VALUES (?, ?, 0, ?, ?, ?, ?)',
      )
      .run(user.id, user.email, user.name, user.status, user.createdAt, user.updatedAt);
    old
      .prepare(
        'INSERT INTO gh_credentials (id, user_id, kind, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(credential.id, user.id, 'password', credential.hash, credential.createdAt);
    old
      .prepare(
        'INSERT INTO gh_sessions (id, user_id, credential_id, created_at, last_used_at, idle_expires_at, expires_at, amr, aal, authenticated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        session.id,
        user.id,
        credential.id,
        session.createdAt,
        session.lastUsedAt,
        session.idleExpiresAt,
        session.expiresAt,
        'pwd',
        1,
        session.authenticatedAt,
      );
    old.close();

    const after = await storeFromUrl(`sqlite:${file}`);
    try {
      expect((await after.migrate()).slice(0, 2)).toEqual(['0012_usernames', '0013_identities']);
      expect(await after.users.findById(user.id)).toEqual(user);
      expect(await after.credentials.findActivePassword(user.id)).toEqual(credential);
      expect((await after.sessions.listLive(user.id, T0)).map((s) => s.id)).toEqual([session.id]);
      expect(await after.users.findByEmail(user.email!)).toEqual(user);
      // The address is optional now, and still unique.
      const bare = aUser({ email: null });
      await after.users.create(bare);
      await expect(after.users.create(aUser({ email: user.email }))).rejects.toMatchObject({
        code: 'USER_EXISTS',
      });
      // Foreign keys still hold: removing the user takes its sessions with it.
      expect(await after.users.hardDelete(user.id)).toBe(true);
      expect(await after.sessions.listLive(user.id, T0)).toEqual([]);
    } finally {
      await after.close();
    }
  });
});
