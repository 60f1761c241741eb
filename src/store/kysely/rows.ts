/** Conversions between table rows and the entities services see. */
import type { Insertable, Selectable } from 'kysely';
import {
  AUTH_METHOD_REFS,
  type AuthMethodRef,
  type PasswordCredential,
  type PostalAddress,
  type Profile,
  type ProfilePatch,
  type Session,
  type User,
  type UserStatus,
} from '../../core/entities.js';
import type { AppId, CredentialId, SessionId, UserId } from '../../core/ids.js';
import type { PasswordHash } from '../../core/secrets.js';
import type { SigningKeyRecord } from '../ports/signing-key-store.js';
import { booleanValue, type StoreKind } from './context.js';
import type { CredentialsTable, SessionsTable, SigningKeysTable, UsersTable } from './schema.js';

/** The columns of the `User` entity (the hot session path selects only these). */
export type UserCoreRow = Pick<
  Selectable<UsersTable>,
  'id' | 'email' | 'username' | 'email_verified' | 'name' | 'status' | 'created_at' | 'updated_at'
>;

/** The user columns a joined query selects beside its own row (`users as u`), prefixed `u_`. */
export const JOINED_USER_COLUMNS = [
  'u.email as u_email',
  'u.username as u_username',
  'u.email_verified as u_email_verified',
  'u.name as u_name',
  'u.status as u_status',
  'u.created_at as u_created_at',
  'u.updated_at as u_updated_at',
] as const;

/** The user of a row joined with `JOINED_USER_COLUMNS`. */
export function joinedUser(
  id: string,
  row: {
    u_email: string | null;
    u_username: string | null;
    u_email_verified: boolean | number;
    u_name: string | null;
    u_status: string;
    u_created_at: number;
    u_updated_at: number;
  },
): User {
  return toUser({
    id,
    email: row.u_email,
    username: row.u_username,
    email_verified: row.u_email_verified,
    name: row.u_name,
    status: row.u_status,
    created_at: row.u_created_at,
    updated_at: row.u_updated_at,
  });
}

export function toUser(row: UserCoreRow): User {
  return {
    id: row.id as UserId,
    email: row.email,
    username: row.username,
    emailVerified: Boolean(row.email_verified),
    name: row.name,
    status: row.status as UserStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const parseObject = (text: string | null): Record<string, unknown> | null => {
  if (text === null) return null;
  const value = JSON.parse(text) as unknown;
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
};

export function toProfile(row: Selectable<UsersTable>): Profile {
  return {
    displayName: row.display_name,
    imageUrl: row.image_url,
    phone: row.phone,
    dateOfBirth: row.date_of_birth,
    address: parseObject(row.address) as PostalAddress | null,
    locale: row.locale,
    metadata: parseObject(row.metadata) ?? {},
  };
}

/** The columns a profile patch sets; fields absent from the patch are left out. */
export function profileColumns(patch: ProfilePatch): Partial<Selectable<UsersTable>> {
  const set: Partial<Selectable<UsersTable>> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.imageUrl !== undefined) set.image_url = patch.imageUrl;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.dateOfBirth !== undefined) set.date_of_birth = patch.dateOfBirth;
  if (patch.address !== undefined)
    set.address = patch.address === null ? null : JSON.stringify(patch.address);
  if (patch.locale !== undefined) set.locale = patch.locale;
  if (patch.metadata !== undefined) set.metadata = JSON.stringify(patch.metadata);
  return set;
}

export function userRow(user: User, kind: StoreKind): Insertable<UsersTable> {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    email_verified: booleanValue(kind, user.emailVerified),
    name: user.name,
    status: user.status,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

export function toCredential(row: Selectable<CredentialsTable>): PasswordCredential {
  return {
    id: row.id as CredentialId,
    userId: row.user_id as UserId,
    kind: 'password',
    hash: row.secret_hash as PasswordHash,
    replaces: row.replaces as CredentialId | null,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export function credentialRow(credential: PasswordCredential): Insertable<CredentialsTable> {
  return {
    id: credential.id,
    user_id: credential.userId,
    kind: credential.kind,
    secret_hash: credential.hash,
    replaces: credential.replaces,
    created_at: credential.createdAt,
    revoked_at: credential.revokedAt,
  };
}

export function toSession(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id as SessionId,
    userId: row.user_id as UserId,
    credentialId: row.credential_id as CredentialId | null,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    idleExpiresAt: row.idle_expires_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason,
    amr: readAmr(row.amr),
    aal: Number(row.aal) === 2 ? 2 : 1,
    authenticatedAt: row.authenticated_at ?? row.created_at,
    appId: row.app_id as AppId,
    impersonatorId: row.impersonator_id as UserId | null,
  };
}

/** `pwd,otp` → `['pwd', 'otp']`, unknown values dropped. */
export function readAmr(text: string): AuthMethodRef[] {
  return text.split(',').filter((v): v is AuthMethodRef => AUTH_METHOD_REFS.has(v));
}

export function sessionRow(session: Session): Insertable<SessionsTable> {
  return {
    id: session.id,
    user_id: session.userId,
    credential_id: session.credentialId,
    created_at: session.createdAt,
    last_used_at: session.lastUsedAt,
    idle_expires_at: session.idleExpiresAt,
    expires_at: session.expiresAt,
    ip: session.ip,
    user_agent: session.userAgent,
    revoked_at: session.revokedAt,
    revoked_reason: session.revokedReason,
    amr: session.amr.join(','),
    aal: session.aal,
    authenticated_at: session.authenticatedAt,
    app_id: session.appId,
    impersonator_id: session.impersonatorId ?? null,
  };
}

export function toSigningKey(row: Selectable<SigningKeysTable>): SigningKeyRecord {
  return {
    kid: row.kid,
    alg: row.alg as SigningKeyRecord['alg'],
    publicJwk: row.public_jwk,
    sealedPrivateKey: row.sealed_private_key,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

export function signingKeyRow(key: SigningKeyRecord): Insertable<SigningKeysTable> {
  return {
    kid: key.kid,
    alg: key.alg,
    public_jwk: key.publicJwk,
    sealed_private_key: key.sealedPrivateKey,
    created_at: key.createdAt,
    retired_at: key.retiredAt,
  };
}
