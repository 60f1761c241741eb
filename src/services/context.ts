/** What every use case receives: the instance's collaborators, never a global. */

import type { Clock } from '../core/clock.js';
import type { ResolvedSettings } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import type { Random } from '../core/random.js';
import type { CodeDigest } from '../crypto/code-digest.js';
import type { FormTokens } from '../crypto/form-token.js';
import type { KeySeal } from '../crypto/key-seal.js';
import type { PasswordHasher } from '../crypto/password-hasher.js';
import type { RefreshSuccessor } from '../crypto/refresh-successor.js';
import type { CounterStore } from '../store/ports/counter-store.js';
import type { Store } from '../store/ports/store.js';
import type { AppDirectory } from './apps/app-directory.js';
import type { Background } from './background.js';
import type { EventBus } from './events/event-bus.js';
import type { Hooks } from './events/hooks.js';
import type { IdTokenKeySets } from './id-tokens/key-sets.js';
import type { Keyring } from './keys/keyring.js';
import type { MailQueue } from './mail/mail-queue.js';
import type { OAuthProviders } from './oauth/provider-registry.js';
import type { AccessTokens } from './sessions/access-tokens.js';
import type { SmsQueue } from './sms/sms-queue.js';

export interface ServiceContext {
  readonly store: Store;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly random: Random;
  readonly settings: ResolvedSettings;
  readonly keyring: Keyring;
  readonly accessTokens: AccessTokens;
  readonly events: EventBus;
  readonly hooks: Hooks;
  readonly mail: MailQueue;
  /** Text messages (SMS codes): through the outbox when `sms.outbox` is on. */
  readonly sms: SmsQueue;
  /** For operational warnings only; never given a secret. */
  readonly logger: Logger;
  /** Rate-limit and lockout counters: the store's, Redis, or none (`rateLimits: 'off'`). */
  readonly counters: CounterStore;
  /** `iss` of the access tokens this instance signs. */
  readonly issuer: string;
  /** The refresh token that succeeds a presented one (derived, so it can be handed out again). */
  readonly refreshSuccessor: RefreshSuccessor;
  /** Work that finishes after the answer (so it cannot show in the response time). */
  readonly background: Background;
  /** Seals second-factor secrets (authenticator-app keys) at rest under the instance secret. */
  readonly factorSeal: KeySeal;
  /** The stored form of recovery and SMS codes (keyed: a leaked table alone cannot be enumerated). */
  readonly codeDigest: CodeDigest;
  /** CSRF tokens of the pages' forms (bound to the browser's form cookie and its session). */
  readonly formTokens: FormTokens;
  /** The configured OAuth / OpenID Connect providers, their discovered configuration cached. */
  readonly oauth: OAuthProviders;
  /** ID-token providers' signing keys, fetched and cached per instance (see id-tokens/key-sets.ts). */
  readonly idTokenKeys: IdTokenKeySets;
  /** The app registry, cached briefly for the request path (see apps/app-directory.ts). */
  readonly apps: AppDirectory;
}

/** Information about the client that made a request, recorded on sessions. */
export interface ClientInfo {
  readonly ip?: string | null;
  readonly userAgent?: string | null;
  /**
   * The app the request is for, as the client named it (the `Gatehouse-App` header, an `app`
   * parameter); the default app when absent. Checked by `resolveApp`, never trusted as is.
   */
  readonly app?: string | null;
  /**
   * The language the client was using (the page's locale, or an `Accept-Language` value): for
   * mail to an address the client typed, when that address's account names no locale of its own
   * (see `mail/recipient-locale.ts`).
   */
  readonly locale?: string | null;
}
