/**
 * A configured ID-token provider with its preset filled in: the issuers, audiences, keys and
 * rules its tokens are checked against (docs/id-tokens.md). Only providers named in the
 * settings exist — a token's own `iss`, `jku`, `x5u` or `jwk` never chooses one.
 */
import type { ResolvedSettings } from '../../core/config.js';

export type IdTokenPreset = 'firebase' | 'google' | 'apple';

export interface IdTokenProvider {
  readonly name: string;
  readonly preset: IdTokenPreset | null;
  /** Accepted `iss` values; the first is the one identities are recorded under. */
  readonly issuers: readonly [string, ...string[]];
  readonly audiences: readonly string[];
  readonly jwksUrl: string;
  readonly algorithms: readonly string[];
  readonly hostedDomain: string | null;
  /** Seconds since `iat` after which a token is too old. */
  readonly maxAge: number;
  readonly nonce: 'sha256' | 'plain';
  readonly requireNonce: boolean;
  readonly trustEmail: boolean;
}

/** Google's accounts, under both spellings its tokens use; identities use the first. */
export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'] as const;
export const APPLE_ISSUER = 'https://appleid.apple.com';
export const firebaseIssuer = (projectId: string) => `https://securetoken.google.com/${projectId}`;

/**
 * Firebase's ID-token keys as a JWKS. Google publishes the same keys (same `kid`s) as x509
 * certificates at `/robot/v1/metadata/x509/securetoken@…` (the form Firebase's docs and
 * SECURITY.md §1.7 name); the JWK form is what jose's remote key set reads, with no certificate
 * parsing of our own.
 */
export const FIREBASE_JWKS_URL =
  'https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com';
export const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';
export const APPLE_JWKS_URL = 'https://appleid.apple.com/auth/keys';

/** Without `maxAge`: no provider's ID tokens live longer than a day (their `exp` is sooner). */
const DEFAULT_MAX_AGE = 86_400;

type ProviderSettings = ResolvedSettings['idTokens']['providers'][string];

/** The provider configured under `name`, or null when there is none. */
export function idTokenProvider(settings: ResolvedSettings, name: string): IdTokenProvider | null {
  const { providers } = settings.idTokens;
  // An own key only: `constructor` or `__proto__` in a request names nothing.
  if (!Object.hasOwn(providers, name)) return null;
  const configured = providers[name];
  return configured ? resolveProvider(name, configured) : null;
}

function resolveProvider(name: string, p: ProviderSettings): IdTokenProvider {
  const preset = p.preset ?? null;
  const common = {
    name,
    preset,
    hostedDomain: p.hostedDomain ?? null,
    maxAge: p.maxAge ?? DEFAULT_MAX_AGE,
    requireNonce: p.requireNonce,
    trustEmail: p.trustEmail,
  };
  // The settings schema guarantees what each branch reads (see federation-settings.ts).
  const issuer = p.issuer === undefined ? undefined : ([p.issuer] as const);
  switch (preset) {
    case 'firebase': {
      const projectId = p.projectId as string;
      return {
        ...common,
        issuers: issuer ?? [firebaseIssuer(projectId)],
        audiences: [projectId],
        jwksUrl: p.jwksUrl ?? FIREBASE_JWKS_URL,
        algorithms: ['RS256'],
        nonce: p.nonce ?? 'plain',
      };
    }
    case 'google':
      return {
        ...common,
        issuers: issuer ?? GOOGLE_ISSUERS,
        audiences: p.audiences ?? [],
        jwksUrl: p.jwksUrl ?? GOOGLE_JWKS_URL,
        algorithms: ['RS256'],
        nonce: p.nonce ?? 'sha256',
      };
    case 'apple':
      return {
        ...common,
        issuers: issuer ?? [APPLE_ISSUER],
        audiences: p.audiences ?? [],
        jwksUrl: p.jwksUrl ?? APPLE_JWKS_URL,
        algorithms: ['RS256'],
        nonce: p.nonce ?? 'sha256',
      };
    default:
      return {
        ...common,
        issuers: [p.issuer as string],
        audiences: p.audiences ?? [],
        jwksUrl: p.jwksUrl as string,
        algorithms: p.algorithms ?? ['RS256'],
        nonce: p.nonce ?? 'plain',
      };
  }
}

/**
 * The configured Firebase providers' project ids, each with the provider's name (for imports:
 * which identities a Firebase user's `localId` becomes).
 */
export function firebaseProjects(settings: ResolvedSettings): Array<{ provider: string; projectId: string }> {
  return Object.entries(settings.idTokens.providers)
    .filter(([, p]) => p.preset === 'firebase' && p.projectId !== undefined)
    .map(([provider, p]) => ({ provider, projectId: p.projectId as string }));
}
