/** Contract: migrations, table prefixes, ping/close and an unreachable database. */
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { storeFromUrl } from '../../../src/store/from-url.js';
import type { Store } from '../../../src/store/ports/store.js';
import { seedUser } from '../../support/entities.js';
import { randomTablePrefix, type StoreKind, testDatabase } from '../../support/stores.js';
import type { ContractContext } from './context.js';

const TABLES = [
  'apps',
  'audit_events',
  'credentials',
  'email_sign_ins',
  'identities',
  'invitations',
  'lockouts',
  'memberships',
  'migrations',
  'migrations_lock',
  'oauth_flows',
  'outbox',
  'passkeys',
  'pending_sign_ins',
  'personal_access_tokens',
  'phone_factors',
  'rate_limits',
  'recovery_codes',
  'refresh_tokens',
  'roles',
  'sessions',
  'signing_keys',
  'sms_codes',
  'totp_factors',
  'users',
  'verification_tokens',
  'webauthn_challenges',
];
const INDEXES = [
  'audit_events_at_idx',
  'audit_events_user_id_idx',
  'credentials_one_password',
  'credentials_user_id_idx',
  'outbox_finished_idx',
  'rate_limits_window_start_idx',
  'refresh_tokens_spent_at_idx',
  'sessions_expires_at_idx',
  'sessions_revoked_at_idx',
  'verification_tokens_expires_at_idx',
  'verification_tokens_used_at_idx',
  'outbox_due_idx',
  'refresh_tokens_session_id_idx',
  'sessions_user_id_idx',
  'users_deleted_at_idx',
  'users_email_unique',
  'verification_tokens_user_idx',
  'pending_sign_ins_token_unique',
  'pending_sign_ins_user_idx',
  'totp_factors_user_unique',
  'recovery_codes_hash_unique',
  'passkeys_credential_unique',
  'passkeys_user_idx',
  'webauthn_challenges_digest_unique',
  'webauthn_challenges_expiry_idx',
  'phone_factors_user_unique',
  'sms_codes_binding_idx',
  'users_username_unique',
  'identities_subject_unique',
  'identities_user_idx',
  'email_sign_ins_secret_idx',
  'email_sign_ins_email_idx',
  'email_sign_ins_live_code_unique',
  'oauth_flows_exchange_unique',
  'oauth_flows_expiry_idx',
  'apps_audience_unique',
  'memberships_user_idx',
  'invitations_token_unique',
  'invitations_app_idx',
  'personal_access_tokens_user_idx',
  'sessions_app_idx',
  'audit_events_actor_idx',
  'audit_events_target_idx',
  'users_status_idx',
  'audit_events_type_idx',
];

/** A URL of this kind where no database answers. */
async function unreachableUrl(kind: StoreKind): Promise<string> {
  if (kind === 'sqlite') return 'sqlite:/nonexistent-gatehouse-dir/sub/test.db';
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  const port = typeof address === 'object' && address !== null ? address.port : 1;
  const scheme = kind === 'mysql' ? 'mysql' : 'postgres';
  return `${scheme}://gatehouse:not-the-password@127.0.0.1:${port}/gatehouse`;
}

export function lifecycleCases({ kind, store }: ContractContext): void {
  it('migrates once, then reports everything applied', async () => {
    expect(await store().migrate()).toEqual([]);
    const status = await store().migrationStatus();
    expect(status.map((m) => m.name)).toEqual([
      '0001_initial',
      '0002_audit_events',
      '0003_outbox',
      '0004_verification_tokens',
      '0005_profiles',
      '0006_counters',
      '0007_one_password',
      '0008_housekeeping_indexes',
      '0009_second_factors',
      '0010_passkeys',
      '0011_phones',
      '0012_usernames',
      '0013_identities',
      '0014_oauth_flows',
      '0015_email_sign_ins',
      '0016_apps',
      '0017_operators',
      '0018_user_search',
      '0019_audit_types',
      '0020_deleted_from',
    ]);
    expect(status[0]?.executedAt).toEqual(expect.any(Number));
  });

  it('reports pending migrations on a new database and applies them', async () => {
    const database = await testDatabase(kind);
    try {
      const fresh = await database.open({ migrate: false });
      expect(await fresh.migrationStatus()).toEqual([
        { name: '0001_initial', executedAt: null },
        { name: '0002_audit_events', executedAt: null },
        { name: '0003_outbox', executedAt: null },
        { name: '0004_verification_tokens', executedAt: null },
        { name: '0005_profiles', executedAt: null },
        { name: '0006_counters', executedAt: null },
        { name: '0007_one_password', executedAt: null },
        { name: '0008_housekeeping_indexes', executedAt: null },
        { name: '0009_second_factors', executedAt: null },
        { name: '0010_passkeys', executedAt: null },
        { name: '0011_phones', executedAt: null },
        { name: '0012_usernames', executedAt: null },
        { name: '0013_identities', executedAt: null },
        { name: '0014_oauth_flows', executedAt: null },
        { name: '0015_email_sign_ins', executedAt: null },
        { name: '0016_apps', executedAt: null },
        { name: '0017_operators', executedAt: null },
        { name: '0018_user_search', executedAt: null },
        { name: '0019_audit_types', executedAt: null },
        { name: '0020_deleted_from', executedAt: null },
      ]);
      expect(await fresh.migrate()).toEqual([
        '0001_initial',
        '0002_audit_events',
        '0003_outbox',
        '0004_verification_tokens',
        '0005_profiles',
        '0006_counters',
        '0007_one_password',
        '0008_housekeeping_indexes',
        '0009_second_factors',
        '0010_passkeys',
        '0011_phones',
        '0012_usernames',
        '0013_identities',
        '0014_oauth_flows',
        '0015_email_sign_ins',
        '0016_apps',
        '0017_operators',
        '0018_user_search',
        '0019_audit_types',
        '0020_deleted_from',
      ]);
      expect(await fresh.migrate()).toEqual([]);
    } finally {
      await database.cleanup();
    }
  });

  it('answers ping, and closes idempotently', async () => {
    await expect(store().ping()).resolves.toBeUndefined();
    await store().close();
    await store().close();
  });

  it('prefixes every table and index it creates', async () => {
    const database = await testDatabase(kind);
    try {
      const prefix = randomTablePrefix();
      await database.open({ tablePrefix: prefix });
      const { tables, indexes } = await database.objects(prefix);
      expect(tables).toEqual(TABLES.map((t) => `${prefix}${t}`));
      expect(indexes).toEqual(expect.arrayContaining(INDEXES.map((i) => `${prefix}${i}`)));
    } finally {
      await database.cleanup();
    }
  });

  it('keeps stores with different prefixes in one database apart', async () => {
    const database = await testDatabase(kind);
    try {
      const a: Store = await database.open();
      const b: Store = await database.open();
      const { user } = await seedUser(a, { email: 'shared@example.com' });
      expect(await b.users.findById(user.id)).toBeNull();
      expect(await b.users.findByEmail('shared@example.com')).toBeNull();
      // The same email is free in the other prefix.
      const other = await seedUser(b, { email: 'shared@example.com' });
      expect(await a.users.findById(other.user.id)).toBeNull();
    } finally {
      await database.cleanup();
    }
  });

  it('refuses a table prefix that is not a plain identifier', async () => {
    const database = await testDatabase(kind);
    try {
      await expect(database.open({ tablePrefix: 'gh"; drop table x; --' })).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
    } finally {
      await database.cleanup();
    }
  });

  it('reports an unreachable database as UNAVAILABLE, not a raw driver error', async () => {
    const unreachable = await storeFromUrl(await unreachableUrl(kind));
    try {
      await expect(unreachable.ping()).rejects.toMatchObject({ name: 'GatehouseError', code: 'UNAVAILABLE' });
      const { user } = await seedUser(store());
      await expect(unreachable.users.findById(user.id)).rejects.toMatchObject({
        name: 'GatehouseError',
        code: 'UNAVAILABLE',
      });
      const error = await unreachable.migrate().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'UNAVAILABLE' });
      expect(String((error as Error).message)).not.toContain('not-the-password');
    } finally {
      await unreachable.close();
    }
  });
}
