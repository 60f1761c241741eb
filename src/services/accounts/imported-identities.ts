/**
 * The identities a user exported from Firebase brings along, so they sign in where they did:
 *
 * - the Firebase user id (`localId`) under the project's issuer,
 *   `https://securetoken.google.com/<projectId>` — an app that keeps sending Firebase ID tokens
 *   lands on the imported user (needs the project id: the import's option, or the one
 *   configured Firebase ID-token provider's);
 * - linked Google and Apple accounts (`providerUserInfo` entries `google.com`, `apple.com`), by
 *   their subject there (`rawId`), under `https://accounts.google.com` and
 *   `https://appleid.apple.com` — the keys Google and Apple sign-in use. Other providers
 *   (Facebook, Twitter, GitHub…) are not carried over.
 *
 * Each is recorded under the configured provider's name when there is one, else the preset's.
 */
import type { ResolvedSettings } from '../../core/config.js';
import { GatehouseError } from '../../core/errors.js';
import {
  APPLE_ISSUER,
  firebaseIssuer,
  firebaseProjects,
  GOOGLE_ISSUERS,
  idTokenProvider,
} from '../id-tokens/id-token-provider.js';

/** A Firebase `auth:export` `providerUserInfo` entry. */
export interface ImportedProviderInfo {
  readonly providerId: string;
  /** The user's id at that provider (its `sub`). */
  readonly rawId: string;
  readonly email?: string | null;
  readonly displayName?: string | null;
}

/** Where a Firebase user id is an identity: the provider's name and its issuer. */
export interface FirebaseTarget {
  readonly provider: string;
  readonly issuer: string;
}

/** What an identity of an imported user is, before it has a user and an id. */
export interface ImportedIdentity {
  readonly provider: string;
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
}

const PROJECT_ID = /^[a-z0-9][a-z0-9.:-]{0,99}$/;

/**
 * The project a Firebase import's `localId`s belong to: the option, else the configured Firebase
 * provider's project; null when neither says (then `localId` is ignored).
 */
export function firebaseTarget(
  settings: ResolvedSettings,
  projectId: string | undefined,
): FirebaseTarget | null {
  const configured = firebaseProjects(settings);
  if (projectId === undefined) {
    if (configured.length > 1) {
      throw new GatehouseError(
        'VALIDATION_ERROR',
        `several Firebase providers are configured (${configured.map((c) => c.provider).join(', ')}): name the project the users come from (firebaseProjectId)`,
      );
    }
    const [only] = configured;
    if (!only) return null;
    projectId = only.projectId;
  }
  if (typeof projectId !== 'string' || !PROJECT_ID.test(projectId)) {
    throw new GatehouseError('VALIDATION_ERROR', 'firebaseProjectId must be a Firebase project id');
  }
  const name = configured.find((c) => c.projectId === projectId)?.provider;
  const provider = name === undefined ? null : idTokenProvider(settings, name);
  return provider
    ? { provider: provider.name, issuer: provider.issuers[0] }
    : { provider: 'firebase', issuer: firebaseIssuer(projectId) };
}

/** The identities in a record, deduplicated; `VALIDATION_ERROR` for a malformed entry. */
export function importedIdentities(
  settings: ResolvedSettings,
  target: FirebaseTarget | null,
  record: {
    readonly localId?: unknown;
    readonly email?: unknown;
    readonly emailVerified?: unknown;
    readonly providerUserInfo?: unknown;
  },
): ImportedIdentity[] {
  const found = new Map<string, ImportedIdentity>();
  const add = (identity: ImportedIdentity) => found.set(`${identity.issuer}\n${identity.subject}`, identity);
  if (target && record.localId !== undefined && record.localId !== null) {
    add({
      ...target,
      subject: subject(record.localId, 'localId'),
      email: typeof record.email === 'string' && record.email !== '' ? record.email : null,
      emailVerified: record.emailVerified === true,
    });
  }
  const infos = record.providerUserInfo;
  if (infos !== undefined && infos !== null && !Array.isArray(infos)) {
    throw new GatehouseError('VALIDATION_ERROR', 'providerUserInfo must be a list');
  }
  for (const info of (infos ?? []) as unknown[]) {
    if (typeof info !== 'object' || info === null) {
      throw new GatehouseError('VALIDATION_ERROR', 'providerUserInfo entries must be objects');
    }
    const { providerId, rawId, email } = info as Partial<Record<keyof ImportedProviderInfo, unknown>>;
    const where =
      providerId === 'google.com' ? google(settings) : providerId === 'apple.com' ? apple(settings) : null;
    if (!where) continue;
    add({
      ...where,
      subject: subject(rawId, 'providerUserInfo rawId'),
      email: typeof email === 'string' && email !== '' ? email : null,
      // Firebase's export does not say whether the provider verified it.
      emailVerified: false,
    });
  }
  return [...found.values()];
}

function subject(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 255) {
    throw new GatehouseError(
      'VALIDATION_ERROR',
      `${field} must be a non-empty string of at most 255 characters`,
    );
  }
  return value;
}

/** The configured ID-token provider of a preset, or the preset's own name and issuer. */
function byPreset(settings: ResolvedSettings, preset: 'google' | 'apple', fallback: string): FirebaseTarget {
  const name = Object.entries(settings.idTokens.providers).find(([, p]) => p.preset === preset)?.[0];
  const provider = name === undefined ? null : idTokenProvider(settings, name);
  return provider
    ? { provider: provider.name, issuer: provider.issuers[0] }
    : { provider: preset, issuer: fallback };
}

const google = (settings: ResolvedSettings) => byPreset(settings, 'google', GOOGLE_ISSUERS[0]);
const apple = (settings: ResolvedSettings) => byPreset(settings, 'apple', APPLE_ISSUER);
