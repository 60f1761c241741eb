/**
 * The signing keys of ID-token providers, one cached remote JWKS per URL, per instance (two
 * instances share nothing). jose's `createRemoteJWKSet` fetches and selects keys; when to fetch
 * is decided here on the injected clock, so tests move time instead of sleeping:
 *
 * - the first token fetches the set; after `maxAgeMs` the next token refreshes it (a failed
 *   refresh keeps the keys already held, tried again after `cooldownMs`);
 * - a `kid` the set does not have (the provider rotated its keys) fetches it again at once,
 *   but at most once per `cooldownMs`, so tokens with made-up `kid`s cannot make us hammer the
 *   provider.
 *
 * The fetch is injectable (jose's `customFetch`); redirects are not followed.
 */
import {
  createRemoteJWKSet,
  customFetch,
  errors,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
} from 'jose';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';

/** What jose's key-set fetch calls (the global `fetch` fits). */
export type JwksFetch = (
  url: string,
  init: { headers: Headers; method: 'GET'; redirect: 'manual'; signal: AbortSignal },
) => Promise<Response>;

export type KeyResolver = (header: JWSHeaderParameters, token: FlattenedJWSInput) => Promise<CryptoKey>;

export interface IdTokenKeySets {
  /** The key resolver for the set at `jwksUrl`, for `jwtVerify`; throws `KeysUnavailable` when it cannot be fetched. */
  resolver(jwksUrl: string): KeyResolver;
}

/** The provider's keys could not be fetched (down, slow, or not a JWKS): not the token's fault. */
export class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
}

export interface KeySetOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly fetch?: JwksFetch;
  /** Default 10 minutes. */
  readonly maxAgeMs?: number;
  /** Default 30 seconds. */
  readonly cooldownMs?: number;
  /** Default 5 seconds. */
  readonly timeoutMs?: number;
}

export function createIdTokenKeySets(options: KeySetOptions): IdTokenKeySets {
  const sets = new Map<string, KeyResolver>();
  return {
    resolver(jwksUrl) {
      let set = sets.get(jwksUrl);
      if (!set) {
        set = remoteKeySet(jwksUrl, options);
        sets.set(jwksUrl, set);
      }
      return set;
    },
  };
}

function remoteKeySet(jwksUrl: string, options: KeySetOptions): KeyResolver {
  const { clock, logger } = options;
  const maxAgeMs = options.maxAgeMs ?? 600_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  // jose's own timers read the system clock: switched off (Infinity), so every fetch is one we ask for.
  const remote = createRemoteJWKSet(new URL(jwksUrl), {
    timeoutDuration: options.timeoutMs ?? 5000,
    cooldownDuration: Number.POSITIVE_INFINITY,
    cacheMaxAge: Number.POSITIVE_INFINITY,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });
  let held = false;
  let fetchedAt = Number.NEGATIVE_INFINITY;

  async function load(): Promise<void> {
    const at = clock.now();
    try {
      // Concurrent callers share one request (jose keeps the pending one).
      await remote.reload();
      held = true;
      fetchedAt = at;
    } catch (cause) {
      logger.warn(
        { jwksUrl, err: cause instanceof Error ? cause.message : String(cause) },
        'could not fetch an ID-token provider’s keys',
      );
      if (!held) throw new KeysUnavailable('The provider’s keys could not be fetched', { cause });
      // Keep the keys held; try again after the cooldown rather than on every token.
      fetchedAt = at - maxAgeMs + cooldownMs;
    }
  }

  return async (header, token) => {
    if (!held || clock.now() - fetchedAt >= maxAgeMs) await load();
    try {
      return await remote(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      if (!remote.reloading && clock.now() - fetchedAt < cooldownMs) throw error;
      await load();
      return remote(header, token);
    }
  };
}
