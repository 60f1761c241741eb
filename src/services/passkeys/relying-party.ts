/** The relying party of a Gatehouse instance: RP ID, name, allowed origins and UV policy, from settings. */
import type { ResolvedSettings } from '../../core/config.js';

/** The relying party as every ceremony sees it; build it once from settings with {@link relyingParty}. */
export interface RelyingParty {
  /** The RP ID: a registrable domain (`example.com`), or `localhost`. */
  readonly id: string;
  /** The name authenticators show. */
  readonly name: string;
  /** Exact origins (`https://example.com`, no path) a ceremony may come from. */
  readonly origins: readonly string[];
  /** `required`: UV must be set in every registration and assertion. */
  readonly userVerification: 'required' | 'preferred';
  /** How long the browser may take, in ms; keep the challenge alive as long. */
  readonly timeoutMs: number;
}

/**
 * The relying party of `settings.passkeys`, with its documented defaults: the RP ID is `baseUrl`'s
 * host (else `localhost`), the name `pages.productName`, the origins `baseUrl`'s origin plus
 * `trustedOrigins`.
 *
 * @example
 * const rp = relyingParty(resolveSettings({ baseUrl: 'https://auth.example.com' }));
 * // { id: 'auth.example.com', origins: ['https://auth.example.com'], … }
 */
export function relyingParty(settings: ResolvedSettings): RelyingParty {
  const { passkeys } = settings;
  const base = settings.baseUrl ? new URL(settings.baseUrl) : undefined;
  const origins = passkeys.origins ?? [...(base ? [base.origin] : []), ...settings.trustedOrigins];
  return {
    id: passkeys.rpId ?? base?.hostname ?? 'localhost',
    name: passkeys.rpName ?? settings.pages.productName,
    // Client data carries a bare origin; a configured `https://x/` must still match it.
    origins: [...new Set(origins.map((origin) => new URL(origin).origin))],
    userVerification: passkeys.userVerification,
    timeoutMs: passkeys.challengeTtl * 1000,
  };
}
