/**
 * The instance's OAuth / OpenID Connect providers: their settings with presets applied, and
 * openid-client's configuration for each — discovered from the issuer at first use, cached, and
 * discovered again a day later (a failed discovery is not cached: the next sign-in retries).
 * Outbound requests go through `fetch`, which a test or an app may replace.
 */
import * as client from 'openid-client';
import type { Clock } from '../../core/clock.js';
import type { ResolvedSettings } from '../../core/config.js';
import { GatehouseError } from '../../core/errors.js';
import type { OutboundFetch } from '../outbound-fetch.js';
import { type ResolvedProvider, resolveProvider } from './presets.js';

export interface OAuthProviders {
  /** The configured provider named `name`, or undefined. */
  find(name: string): ResolvedProvider | undefined;
  /** openid-client's configuration for `provider`; `UNAVAILABLE` when its issuer cannot be reached. */
  configuration(provider: ResolvedProvider): Promise<client.Configuration>;
  readonly fetch: OutboundFetch;
}

const REDISCOVER_AFTER_MS = 24 * 3600 * 1000;
/** Seconds an outbound request to a provider may take. */
export const PROVIDER_TIMEOUT = 10;

export function createOAuthProviders(
  settings: ResolvedSettings['oauth'],
  clock: Clock,
  fetchImpl: OutboundFetch = (url, init) => fetch(url, init),
): OAuthProviders {
  const providers = new Map(
    Object.entries(settings.providers).map(
      ([name, p]) => [name, resolveProvider(name, p, settings.clientSecrets[name])] as const,
    ),
  );
  const cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

  function prepare(config: client.Configuration, provider: ResolvedProvider): client.Configuration {
    config[client.customFetch] = fetchImpl as client.CustomFetch;
    config.timeout = PROVIDER_TIMEOUT;
    if (provider.insecure) client.allowInsecureRequests(config);
    return config;
  }

  async function discover(provider: ResolvedProvider): Promise<client.Configuration> {
    const secret = provider.clientSecret ?? undefined;
    if (provider.github) {
      const server = {
        issuer: provider.issuer,
        authorization_endpoint: provider.github.authorization,
        token_endpoint: provider.github.token,
      };
      return prepare(new client.Configuration(server, provider.clientId, secret), provider);
    }
    try {
      const config = await client.discovery(new URL(provider.issuer), provider.clientId, secret, undefined, {
        [client.customFetch]: fetchImpl as client.CustomFetch,
        timeout: PROVIDER_TIMEOUT,
        ...(provider.insecure ? { execute: [client.allowInsecureRequests] } : {}),
      });
      return prepare(config, provider);
    } catch (cause) {
      throw new GatehouseError(
        'UNAVAILABLE',
        `The provider "${provider.name}" could not be reached; try again later`,
        {},
        { cause },
      );
    }
  }

  return {
    find: (name) => providers.get(name),
    fetch: fetchImpl,
    configuration(provider) {
      const now = clock.now();
      const cached = cache.get(provider.name);
      if (cached && now - cached.at < REDISCOVER_AFTER_MS) return cached.config;
      const config = discover(provider);
      cache.set(provider.name, { at: now, config });
      config.catch(() => {
        if (cache.get(provider.name)?.config === config) cache.delete(provider.name);
      });
      return config;
    },
  };
}
