/** The Kysely view of Gatehouse's tables, by logical name (the prefix is applied by a plugin). */
import type {
  AppsTable,
  InvitationsTable,
  MembershipsTable,
  PersonalAccessTokensTable,
  RolesTable,
} from './app-tables.js';

export type { AppsTable, InvitationsTable, MembershipsTable, PersonalAccessTokensTable, RolesTable };

/** Epoch milliseconds; `int8` on PostgreSQL, parsed to a JS number by the pool. */
type Millis = number;

export interface UsersTable {
  id: string;
  /** Canonical address; null for an account with only a username. */
  email: string | null;
  /** Canonical username (see `canonicalUsername`), or null. */
  username: string | null;
  /** `boolean` on PostgreSQL, 0/1 on SQLite. */
  email_verified: boolean | number;
  name: string | null;
  status: string;
  created_at: Millis;
  updated_at: Millis;
  display_name: string | null;
  image_url: string | null;
  phone: string | null;
  date_of_birth: string | null;
  /** JSON object text. */
  address: string | null;
  locale: string | null;
  /** JSON object text. */
  metadata: string | null;
  /** When its owner deleted the account (status `deleted`); purged after the retention period. */
  deleted_at: Millis | null;
  /** The status a `deleted` user had before (restore gives it back); null: `active`. */
  deleted_from: string | null;
}

export interface CredentialsTable {
  id: string;
  user_id: string;
  kind: string;
  secret_hash: string;
  replaces: string | null;
  created_at: Millis;
  revoked_at: Millis | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  credential_id: string | null;
  created_at: Millis;
  last_used_at: Millis;
  idle_expires_at: Millis;
  expires_at: Millis;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Millis | null;
  revoked_reason: string | null;
  /** Comma-separated `AuthMethodRef`s, e.g. `pwd,otp`. */
  amr: string;
  /** 1 or 2. */
  aal: number;
  /** Null for sessions from before second factors: `created_at` stands in. */
  authenticated_at: Millis | null;
  /** The app the session signed in to (the default app for sessions from before apps). */
  app_id: string;
  /** The operator who started the session as the user (impersonation); null otherwise. */
  impersonator_id: string | null;
}

/** Sign-ins whose password was right, waiting for their second factor. */
export interface PendingSignInsTable {
  id: string;
  /** SHA-256 of the `mfaToken`. */
  token_hash: string;
  user_id: string;
  credential_id: string | null;
  /** Comma-separated first-factor `AuthMethodRef`s. */
  amr: string;
  /** Seconds the session will live (a shortened `sessionTtl`), or null for the default. */
  session_ttl: number | null;
  ip: string | null;
  user_agent: string | null;
  failures: number;
  created_at: Millis;
  expires_at: Millis;
  /** Completed or voided (too many wrong codes, a factor reset). */
  consumed_at: Millis | null;
  /** The app the sign-in is for; null for the default app. */
  app_id: string | null;
}

/** One authenticator-app factor per user: `pending` until a first code activates it. */
export interface TotpFactorsTable {
  id: string;
  user_id: string;
  /** The secret, sealed under the instance secret (`factor-seal`). */
  sealed_secret: string;
  status: string;
  /** The last time step a code was accepted for; that step and earlier ones are refused. */
  last_step: number | null;
  created_at: Millis;
  activated_at: Millis | null;
}

export interface RecoveryCodesTable {
  user_id: string;
  /** HMAC-SHA256 (keyed from the instance secret) of the canonical code. */
  code_hash: string;
  created_at: Millis;
  used_at: Millis | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: Millis;
  spent_at: Millis | null;
}

export interface SigningKeysTable {
  kid: string;
  alg: string;
  public_jwk: string;
  sealed_private_key: string;
  created_at: Millis;
  retired_at: Millis | null;
}

export interface AuditEventsTable {
  id: string;
  type: string;
  at: Millis;
  outcome: string;
  user_id: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** JSON object text. */
  data: string;
  actor_id: string | null;
  target_id: string | null;
}

export interface OutboxTable {
  id: string;
  kind: string;
  payload: string;
  created_at: Millis;
  available_at: Millis;
  attempts: number;
  /** Leased by a sender until this time. */
  leased_until: Millis | null;
  /** `pending`, `sent` or `dead`. */
  state: string;
  sent_at: Millis | null;
  last_error: string | null;
}

export interface VerificationTokensTable {
  token_hash: string;
  user_id: string;
  purpose: string;
  email: string;
  created_at: Millis;
  expires_at: Millis;
  /** Set when used or voided; a token is live only while this is null. */
  used_at: Millis | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Millis;
  hits: number;
}

export interface LockoutsTable {
  key: string;
  /** Attempts since the last success or lock. */
  attempts: number;
  /** Locks in a row (the back-off doubles with each). */
  lock_count: number;
  locked_until: Millis | null;
  updated_at: Millis;
}

export interface IdentitiesTable {
  id: string;
  user_id: string;
  provider: string;
  issuer: string;
  subject: string;
  email: string | null;
  /** `boolean` on PostgreSQL, 0/1 on SQLite. */
  email_verified: boolean | number;
  created_at: Millis;
  last_used_at: Millis | null;
}

export interface Database {
  users: UsersTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  signing_keys: SigningKeysTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  verification_tokens: VerificationTokensTable;
  rate_limits: RateLimitsTable;
  lockouts: LockoutsTable;
  pending_sign_ins: PendingSignInsTable;
  totp_factors: TotpFactorsTable;
  recovery_codes: RecoveryCodesTable;
  phone_factors: PhoneFactorsTable;
  sms_codes: SmsCodesTable;
  passkeys: PasskeysTable;
  identities: IdentitiesTable;
  email_sign_ins: EmailSignInsTable;
  oauth_flows: OAuthFlowsTable;
  webauthn_challenges: WebauthnChallengesTable;
  apps: AppsTable;
  roles: RolesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  personal_access_tokens: PersonalAccessTokensTable;
}

/** WebAuthn credentials; `credential_id` is unique across all users. */
export interface PasskeysTable {
  id: string;
  user_id: string;
  /** base64url. */
  credential_id: string;
  /** base64url of the COSE_Key. */
  public_key: string;
  algorithm: number;
  counter: number;
  /** Comma-separated transport hints (`internal,hybrid`). */
  transports: string;
  aaguid: string;
  /** `boolean` on PostgreSQL, 0/1 on SQLite. */
  backup_eligible: boolean | number;
  backed_up: boolean | number;
  name: string;
  created_at: Millis;
  last_used_at: Millis | null;
}

/** Challenges of WebAuthn ceremonies, single-use and bound to their purpose. */
export interface WebauthnChallengesTable {
  id: string;
  /** SHA-256 (base64url) of the challenge. */
  digest: string;
  /** `register`, `sign_in`, `second_factor` or `reauth`. */
  purpose: string;
  user_id: string | null;
  /** The session or pending sign-in the ceremony belongs to. */
  bound_to: string | null;
  created_at: Millis;
  expires_at: Millis;
  used_at: Millis | null;
}

/** The verified phone of a user (the SMS second factor); a row exists only once verified. */
export interface PhoneFactorsTable {
  id: string;
  user_id: string;
  /** E.164. */
  phone: string;
  created_at: Millis;
  verified_at: Millis;
}

/** One-time codes sent by text message, each bound to a phone setup, a pending sign-in or a reauthentication. */
export interface SmsCodesTable {
  id: string;
  user_id: string;
  /** `phone_setup`, `sign_in` or `reauth`. */
  purpose: string;
  /** The session (setup, reauth) or pending sign-in the code is for. */
  bound_to: string;
  /** E.164: where the code went. */
  phone: string;
  /** HMAC-SHA256 (keyed from the instance secret) of the code. */
  code_hash: string;
  /** Tries counted so far; at `sms.maxAttempts` the code is dead. */
  attempts: number;
  created_at: Millis;
  expires_at: Millis;
  /** Set when spent or voided by a newer code. */
  used_at: Millis | null;
}

/** Pending passwordless sign-ins: a magic link or a code sent by mail, each for one address. */
export interface EmailSignInsTable {
  id: string;
  /** Canonical address the link or code went to. */
  email: string;
  /** The account at that address when it was sent; null when a first use would create one. */
  user_id: string | null;
  /** `link` or `code`. */
  kind: string;
  /** A link: SHA-256 of its token. A code: HMAC-SHA256 (keyed from the instance secret). */
  secret_hash: string;
  /** Tries counted so far (codes); at `passwordless.maxAttempts` a code is dead. */
  attempts: number;
  created_at: Millis;
  expires_at: Millis;
  /** Set when used or voided by a newer one. */
  used_at: Millis | null;
  /** The app the sign-in is for; null for the default app. */
  app_id: string | null;
}

/** Sign-ins started at an outside provider, waiting for its answer (one row per start). */
export interface OAuthFlowsTable {
  /** SHA-256 of the `state` sent to the provider. */
  state_hash: string;
  provider: string;
  /** `sign_in` or `link`. */
  intent: string;
  /** `link`: the session that asked. */
  session_id: string | null;
  nonce: string;
  /** The PKCE verifier, sealed (AES-256-GCM under the instance secret). */
  sealed_verifier: string;
  return_to: string;
  /** SHA-256 of the browser binding cookie's random value. */
  binding_hash: string;
  /** Code mode: the app's S256 code_challenge. */
  app_challenge: string | null;
  created_at: Millis;
  expires_at: Millis;
  used_at: Millis | null;
  /** Code mode: SHA-256 of the one-time exchange code. */
  exchange_hash: string | null;
  /** Code mode: the identity the provider vouched for, as JSON. */
  exchange_payload: string | null;
  exchange_expires_at: Millis | null;
  exchanged_at: Millis | null;
  /** The app the sign-in is for; null for the default app. */
  app_id: string | null;
}
