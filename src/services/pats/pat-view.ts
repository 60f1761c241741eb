/** What the owner may see of a personal access token: never its secret nor the secret's digest. */
import type { PersonalAccessToken } from '../../core/apps.js';
import type { AppId, PatId } from '../../core/ids.js';

export interface PatView {
  /** The token's public part (`pat_<hex>`): what revoking names. */
  readonly id: PatId;
  readonly name: string;
  readonly scopes: readonly string[];
  /** The app the token works at: the app of the session that created it. */
  readonly appId: AppId;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601; null for a token that lives until revoked. */
  readonly expiresAt: string | null;
  /** ISO 8601, to the minute: recorded at most once a minute; null until first used. */
  readonly lastUsedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function patView(pat: PersonalAccessToken): PatView {
  return {
    id: pat.id,
    name: pat.name,
    scopes: pat.scopes,
    appId: pat.appId,
    createdAt: new Date(pat.createdAt).toISOString(),
    expiresAt: iso(pat.expiresAt),
    lastUsedAt: iso(pat.lastUsedAt),
  };
}
