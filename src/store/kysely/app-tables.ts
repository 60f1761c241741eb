/** The Kysely view of the apps tables: the registry, roles, memberships, invitations and PATs. */

/** Epoch milliseconds. */
type Millis = number;

/** The app registry. List columns hold JSON array text. */
export interface AppsTable {
  id: string;
  name: string;
  /** `active` or `disabled`. */
  status: string;
  /** SHA-256 of the app's secret. */
  secret_hash: string | null;
  /** JSON array of sign-in methods; null allows every configured one. */
  sign_in_methods: string | null;
  redirect_urls: string;
  cors_origins: string;
  /** Null: the instance's `audience` setting (the default app). */
  audience: string | null;
  default_role: string;
  default_plan: string;
  /** `open` or `invite_only`. */
  sign_up: string;
  /** JSON array of `{name, paid}`, lowest first. */
  plans: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface RolesTable {
  app_id: string;
  name: string;
  description: string | null;
  /** JSON array of permission strings. */
  permissions: string;
  built_in: boolean | number;
  created_at: Millis;
}

export interface MembershipsTable {
  app_id: string;
  user_id: string;
  /** JSON array of role names. */
  roles: string;
  plan: string;
  /** JSON array of permissions granted directly. */
  permissions: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface InvitationsTable {
  id: string;
  app_id: string;
  email: string;
  role: string;
  /** SHA-256 of the invitation token. */
  token_hash: string;
  invited_by: string | null;
  created_at: Millis;
  expires_at: Millis;
  accepted_at: Millis | null;
  accepted_by: string | null;
  revoked_at: Millis | null;
}

export interface PersonalAccessTokensTable {
  /** `pat_<32 hex>`: the token's public part. */
  id: string;
  user_id: string;
  app_id: string;
  name: string;
  /** JSON array of scopes. */
  scopes: string;
  /** SHA-256 of the secret part. */
  secret_hash: string;
  created_at: Millis;
  expires_at: Millis | null;
  last_used_at: Millis | null;
  revoked_at: Millis | null;
}
