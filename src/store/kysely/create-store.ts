/** Builds a `Store` on any Kysely database of a supported dialect. */
import type { Kysely } from 'kysely';
import type { Store } from '../ports/store.js';
import { kyselyAppStore } from './app-store.js';
import { kyselyAuditStore } from './audit-store.js';
import { type CommittedRead, type StoreContext, type StoreKind, transactor } from './context.js';
import { kyselyCounterStore } from './counter-store.js';
import { kyselyCredentialStore } from './credential-store.js';
import { kyselyEmailSignInStore } from './email-sign-in-store.js';
import { translateDriverError } from './errors.js';
import { kyselyHousekeepingStore } from './housekeeping-store.js';
import { kyselyIdentityStore } from './identity-store.js';
import { kyselyInvitationStore } from './invitation-store.js';
import { kyselyMembershipStore } from './membership-store.js';
import { createMigrator, migrateToLatest, migrationStatus } from './migrator.js';
import { kyselyOAuthFlowStore } from './oauth-flow-store.js';
import { kyselyOutboxStore } from './outbox-store.js';
import { kyselyPasskeyStore } from './passkey-store.js';
import { kyselyPatStore } from './pat-store.js';
import { kyselyPendingSignInStore } from './pending-sign-in-store.js';
import { kyselyPhoneStore } from './phone-store.js';
import { kyselyRecoveryCodeStore } from './recovery-code-store.js';
import { kyselyRoleStore } from './role-store.js';
import type { Database } from './schema.js';
import { kyselySessionStore } from './session-store.js';
import { kyselySigningKeyStore } from './signing-key-store.js';
import { kyselySmsCodeStore } from './sms-code-store.js';
import { kyselyStatsStore } from './stats-store.js';
import { TablePrefixPlugin } from './table-prefix-plugin.js';
import { tableNames } from './tables.js';
import { kyselyTotpStore } from './totp-store.js';
import { kyselyUserDirectory } from './user-directory.js';
import { kyselyUserStore } from './user-store.js';
import { kyselyVerificationTokenStore } from './verification-token-store.js';
import { kyselyWebAuthnChallengeStore } from './webauthn-challenge-store.js';

export interface KyselyStoreOptions {
  /** A Kysely instance for the dialect named by `kind`; the store owns it and destroys it on close. */
  readonly db: Kysely<Database>;
  readonly kind: StoreKind;
  /** Prepended to every table, index and migration-table name. Default `gh_`. */
  readonly tablePrefix?: string;
  /** A read path on committed data, for the session check (see `CommittedRead`). */
  readonly committedRead?: CommittedRead;
  /** Called once when the store closes, after the Kysely instance is destroyed. */
  readonly onClose?: () => void;
}

/** Wraps every method of `target` so driver failures surface as `GatehouseError`s. */
function translatingErrors<T extends object>(target: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(target)) {
    if (typeof member !== 'function') {
      wrapped[name] = member;
      continue;
    }
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await member.apply(target, args);
      } catch (error) {
        throw translateDriverError(error);
      }
    };
  }
  return wrapped as T;
}

/**
 * @example
 * const store = createKyselyStore({ db: new Kysely<Database>({ dialect }), kind: 'postgres' });
 * await store.migrate();
 */
export function createKyselyStore(options: KyselyStoreOptions): Store {
  const { kind } = options;
  const names = tableNames(options.tablePrefix);
  const db = options.db.withPlugin(new TablePrefixPlugin(names));
  const ctx: StoreContext = {
    db,
    kind,
    names,
    transact: transactor(db, kind),
    committedRead: options.committedRead,
  };
  const migrator = createMigrator(db, names, kind);
  let closing: Promise<void> | undefined;

  return {
    kind,
    users: translatingErrors(kyselyUserStore(ctx)),
    credentials: translatingErrors(kyselyCredentialStore(ctx)),
    sessions: translatingErrors(kyselySessionStore(ctx)),
    signingKeys: translatingErrors(kyselySigningKeyStore(ctx)),
    audit: translatingErrors(kyselyAuditStore(ctx)),
    outbox: translatingErrors(kyselyOutboxStore(ctx)),
    verificationTokens: translatingErrors(kyselyVerificationTokenStore(ctx)),
    counters: translatingErrors(kyselyCounterStore(ctx)),
    housekeeping: translatingErrors(kyselyHousekeepingStore(ctx)),
    pendingSignIns: translatingErrors(kyselyPendingSignInStore(ctx)),
    totp: translatingErrors(kyselyTotpStore(ctx)),
    recoveryCodes: translatingErrors(kyselyRecoveryCodeStore(ctx)),
    phones: translatingErrors(kyselyPhoneStore(ctx)),
    smsCodes: translatingErrors(kyselySmsCodeStore(ctx)),
    passkeys: translatingErrors(kyselyPasskeyStore(ctx)),
    webauthnChallenges: translatingErrors(kyselyWebAuthnChallengeStore(ctx)),
    identities: translatingErrors(kyselyIdentityStore(ctx)),
    emailSignIns: translatingErrors(kyselyEmailSignInStore(ctx)),
    apps: translatingErrors(kyselyAppStore(ctx)),
    memberships: translatingErrors(kyselyMembershipStore(ctx)),
    roles: translatingErrors(kyselyRoleStore(ctx)),
    invitations: translatingErrors(kyselyInvitationStore(ctx)),
    pats: translatingErrors(kyselyPatStore(ctx)),
    userDirectory: translatingErrors(kyselyUserDirectory(ctx)),
    stats: translatingErrors(kyselyStatsStore(ctx)),
    oauthFlows: translatingErrors(kyselyOAuthFlowStore(ctx)),
    ...translatingErrors({
      migrate: () => migrateToLatest(db, names, kind),
      migrationStatus: () => migrationStatus(migrator),
      ping: async () => {
        await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
      },
    }),
    close: () => {
      closing ??= options.db.destroy().finally(() => options.onClose?.());
      return closing;
    },
  };
}
