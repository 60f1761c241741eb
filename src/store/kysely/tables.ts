/** Physical table, index and migration-table names, derived from one configurable prefix. */
import { GatehouseError } from '../../core/errors.js';

/** The tables Gatehouse owns, by their logical (unprefixed) names. */
export const TABLES = [
  'users',
  'credentials',
  'sessions',
  'refresh_tokens',
  'signing_keys',
  'audit_events',
  'outbox',
  'verification_tokens',
  'rate_limits',
  'lockouts',
  'pending_sign_ins',
  'totp_factors',
  'recovery_codes',
  'phone_factors',
  'sms_codes',
  'passkeys',
  'webauthn_challenges',
  'identities',
  'email_sign_ins',
  'oauth_flows',
  'apps',
  'roles',
  'memberships',
  'invitations',
  'personal_access_tokens',
] as const;
export type TableName = (typeof TABLES)[number];

export const DEFAULT_TABLE_PREFIX = 'gh_';

export interface TableNames {
  readonly prefix: string;
  readonly table: Readonly<Record<TableName, string>>;
  readonly index: {
    readonly usersEmail: string;
    readonly credentialsUserId: string;
    readonly sessionsUserId: string;
    readonly refreshTokensSessionId: string;
    readonly auditEventsUserId: string;
    readonly outboxDue: string;
    readonly verificationTokensUser: string;
    readonly usersDeletedAt: string;
    readonly credentialsOnePassword: string;
    readonly sessionsRevokedAt: string;
    readonly sessionsExpiresAt: string;
    readonly refreshTokensSpentAt: string;
    readonly outboxFinished: string;
    readonly verificationTokensUsedAt: string;
    readonly verificationTokensExpiresAt: string;
    readonly auditEventsAt: string;
    readonly rateLimitsWindowStart: string;
    readonly pendingSignInsToken: string;
    readonly pendingSignInsUser: string;
    readonly totpFactorsUser: string;
    readonly recoveryCodesHash: string;
    readonly phoneFactorsUser: string;
    readonly smsCodesBinding: string;
    readonly passkeysCredential: string;
    readonly passkeysUser: string;
    readonly webauthnChallengesDigest: string;
    readonly webauthnChallengesExpiry: string;
    readonly usersUsername: string;
    readonly identitiesSubject: string;
    readonly identitiesUser: string;
    readonly emailSignInsSecret: string;
    readonly emailSignInsEmail: string;
    readonly emailSignInsLiveCode: string;
    readonly oauthFlowsExchange: string;
    readonly oauthFlowsExpiry: string;
    readonly appsAudience: string;
    readonly membershipsUser: string;
    readonly invitationsToken: string;
    readonly invitationsApp: string;
    readonly personalAccessTokensUser: string;
    readonly sessionsApp: string;
    readonly auditEventsActor: string;
    readonly auditEventsTarget: string;
    readonly usersStatus: string;
    /** PostgreSQL only, and only where pg_trgm could be created (migration 0018). */
    readonly usersSearch: string;
    /** The audit log by type, in id order (migration 0019). */
    readonly auditEventsType: string;
  };
  readonly migrations: string;
  readonly migrationsLock: string;
}

// Lower-case only so names read the same in PostgreSQL catalogs (which fold unquoted
// identifiers) and in SQLite; 30 characters leaves room under PostgreSQL's 63-byte limit.
const PREFIX = /^[a-z_][a-z0-9_]{0,29}$|^$/;

/**
 * @example
 * tableNames('gh_').table.users; // 'gh_users'
 */
export function tableNames(prefix: string = DEFAULT_TABLE_PREFIX): TableNames {
  if (!PREFIX.test(prefix)) {
    throw new GatehouseError(
      'VALIDATION_ERROR',
      'tablePrefix must be at most 30 characters of a-z, 0-9 and _, not starting with a digit',
    );
  }
  const table = Object.fromEntries(TABLES.map((name) => [name, `${prefix}${name}`])) as Record<
    TableName,
    string
  >;
  const names: TableNames = {
    prefix,
    table,
    index: {
      usersEmail: `${prefix}users_email_unique`,
      credentialsUserId: `${prefix}credentials_user_id_idx`,
      sessionsUserId: `${prefix}sessions_user_id_idx`,
      refreshTokensSessionId: `${prefix}refresh_tokens_session_id_idx`,
      auditEventsUserId: `${prefix}audit_events_user_id_idx`,
      outboxDue: `${prefix}outbox_due_idx`,
      verificationTokensUser: `${prefix}verification_tokens_user_idx`,
      usersDeletedAt: `${prefix}users_deleted_at_idx`,
      credentialsOnePassword: `${prefix}credentials_one_password`,
      sessionsRevokedAt: `${prefix}sessions_revoked_at_idx`,
      sessionsExpiresAt: `${prefix}sessions_expires_at_idx`,
      refreshTokensSpentAt: `${prefix}refresh_tokens_spent_at_idx`,
      outboxFinished: `${prefix}outbox_finished_idx`,
      verificationTokensUsedAt: `${prefix}verification_tokens_used_at_idx`,
      verificationTokensExpiresAt: `${prefix}verification_tokens_expires_at_idx`,
      auditEventsAt: `${prefix}audit_events_at_idx`,
      rateLimitsWindowStart: `${prefix}rate_limits_window_start_idx`,
      pendingSignInsToken: `${prefix}pending_sign_ins_token_unique`,
      pendingSignInsUser: `${prefix}pending_sign_ins_user_idx`,
      totpFactorsUser: `${prefix}totp_factors_user_unique`,
      recoveryCodesHash: `${prefix}recovery_codes_hash_unique`,
      phoneFactorsUser: `${prefix}phone_factors_user_unique`,
      smsCodesBinding: `${prefix}sms_codes_binding_idx`,
      passkeysCredential: `${prefix}passkeys_credential_unique`,
      passkeysUser: `${prefix}passkeys_user_idx`,
      webauthnChallengesDigest: `${prefix}webauthn_challenges_digest_unique`,
      webauthnChallengesExpiry: `${prefix}webauthn_challenges_expiry_idx`,
      usersUsername: `${prefix}users_username_unique`,
      identitiesSubject: `${prefix}identities_subject_unique`,
      identitiesUser: `${prefix}identities_user_idx`,
      emailSignInsSecret: `${prefix}email_sign_ins_secret_idx`,
      emailSignInsEmail: `${prefix}email_sign_ins_email_idx`,
      emailSignInsLiveCode: `${prefix}email_sign_ins_live_code_unique`,
      oauthFlowsExchange: `${prefix}oauth_flows_exchange_unique`,
      oauthFlowsExpiry: `${prefix}oauth_flows_expiry_idx`,
      appsAudience: `${prefix}apps_audience_unique`,
      membershipsUser: `${prefix}memberships_user_idx`,
      invitationsToken: `${prefix}invitations_token_unique`,
      invitationsApp: `${prefix}invitations_app_idx`,
      personalAccessTokensUser: `${prefix}personal_access_tokens_user_idx`,
      sessionsApp: `${prefix}sessions_app_idx`,
      auditEventsActor: `${prefix}audit_events_actor_idx`,
      auditEventsTarget: `${prefix}audit_events_target_idx`,
      usersStatus: `${prefix}users_status_idx`,
      usersSearch: `${prefix}users_search_trgm_idx`,
      auditEventsType: `${prefix}audit_events_type_idx`,
    },
    migrations: `${prefix}migrations`,
    migrationsLock: `${prefix}migrations_lock`,
  };
  // MySQL refuses identifiers past 64 characters (PostgreSQL cuts them at 63): the longest name
  // with a 30-character prefix is 64 today, so a longer index name added later fails here, for
  // every database, instead of as a driver error on one.
  const tooLong = [...Object.values(table), ...Object.values(names.index)].find((n) => n.length > 64);
  if (tooLong !== undefined) {
    throw new GatehouseError('VALIDATION_ERROR', `tablePrefix is too long for the name ${tooLong}`);
  }
  return names;
}
