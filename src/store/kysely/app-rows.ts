/** Row ↔ entity mapping for apps, roles and memberships (list columns are JSON array text). */
import type { Selectable } from 'kysely';
import type { App, AppSignUp, AppStatus, Membership, Plan, Role, SignInMethod } from '../../core/apps.js';
import type { AppId, UserId } from '../../core/ids.js';
import type { AppsTable, MembershipsTable, RolesTable } from './schema.js';

/** A JSON array column; anything else reads as empty (never trusted to be well-formed). */
export function readList<T = string>(text: string | null): T[] {
  if (text === null) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function toApp(row: Selectable<AppsTable>): App {
  return {
    id: row.id as AppId,
    name: row.name,
    status: row.status as AppStatus,
    secretHash: row.secret_hash,
    signInMethods: row.sign_in_methods === null ? null : readList<SignInMethod>(row.sign_in_methods),
    redirectUrls: readList(row.redirect_urls),
    corsOrigins: readList(row.cors_origins),
    audience: row.audience,
    defaultRole: row.default_role,
    defaultPlan: row.default_plan,
    signUp: row.sign_up as AppSignUp,
    plans: readList<Plan>(row.plans),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function appRow(app: App): Selectable<AppsTable> {
  return {
    id: app.id,
    name: app.name,
    status: app.status,
    secret_hash: app.secretHash,
    sign_in_methods: app.signInMethods === null ? null : JSON.stringify(app.signInMethods),
    redirect_urls: JSON.stringify(app.redirectUrls),
    cors_origins: JSON.stringify(app.corsOrigins),
    audience: app.audience,
    default_role: app.defaultRole,
    default_plan: app.defaultPlan,
    sign_up: app.signUp,
    plans: JSON.stringify(app.plans),
    created_at: app.createdAt,
    updated_at: app.updatedAt,
  };
}

export function toRole(row: Selectable<RolesTable>): Role {
  return {
    appId: row.app_id as AppId,
    name: row.name,
    description: row.description,
    permissions: readList(row.permissions),
    builtIn: row.built_in === true || Number(row.built_in) === 1,
    createdAt: Number(row.created_at),
  };
}

export function toMembership(row: Selectable<MembershipsTable>): Membership {
  return {
    appId: row.app_id as AppId,
    userId: row.user_id as UserId,
    roles: readList(row.roles),
    plan: row.plan,
    permissions: readList(row.permissions),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function membershipRow(membership: Membership): Selectable<MembershipsTable> {
  return {
    app_id: membership.appId,
    user_id: membership.userId,
    roles: JSON.stringify(membership.roles),
    plan: membership.plan,
    permissions: JSON.stringify(membership.permissions),
    created_at: membership.createdAt,
    updated_at: membership.updatedAt,
  };
}
