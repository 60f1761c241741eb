/**
 * The sign-in providers the identities page offers to link (`oauth.providers`) and the names
 * people know them by: the provider's `displayName`, its preset's name (GitHub, Google…), else
 * the name it was configured under.
 */
import type { ResolvedSettings } from '../../core/config.js';
import { resolveProvider } from '../../services/oauth/presets.js';

export interface LinkableProvider {
  readonly name: string;
  readonly displayName: string;
}

/** Every configured OAuth provider, in the settings' order. */
export function linkableProviders(settings: ResolvedSettings): LinkableProvider[] {
  return Object.entries(settings.oauth.providers).map(([name, p]) => ({
    name,
    displayName: resolveProvider(name, p).displayName,
  }));
}

/** What to call the provider of an identity (one linked by an ID token may not be an OAuth provider). */
export function providerName(settings: ResolvedSettings, provider: string): string {
  return linkableProviders(settings).find((p) => p.name === provider)?.displayName ?? provider;
}
