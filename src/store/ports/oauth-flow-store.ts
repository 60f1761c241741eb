/**
 * Port: sign-ins started at an outside provider (OpenID Connect / OAuth) and waiting for its
 * answer — one row per `start`, named by the SHA-256 of its `state`. The row holds what the
 * callback checks the answer against: the provider, the nonce, the PKCE verifier (sealed, never
 * clear), the browser it is bound to (a digest), where to send the browser back, and what it is
 * for (a sign-in, or linking to a signed-in session). In code mode it later also holds the
 * one-time exchange code's digest and the identity the provider vouched for, until the app
 * redeems the code.
 *
 * Atomicity: consuming a flow and redeeming its exchange code are each one conditional UPDATE,
 * so the database decides: of any number of concurrent callers, at most one gets the row.
 */
import type { AppId, SessionId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';

export type OAuthIntent = 'sign_in' | 'link';

export interface OAuthFlow {
  /** SHA-256 of the `state` sent to the provider: the key. */
  readonly stateHash: TokenHash;
  /** The configured provider's name; the callback must be this provider's. */
  readonly provider: string;
  readonly intent: OAuthIntent;
  /** `link`: the session that asked to link (the identity goes to its user). */
  readonly sessionId: SessionId | null;
  /** The `nonce` the ID token must carry (OpenID Connect providers). */
  readonly nonce: string;
  /** The PKCE `code_verifier`, sealed under the instance secret. */
  readonly sealedVerifier: string;
  /** Where the browser goes afterwards: an allow-listed URL or the default page. */
  readonly returnTo: string;
  /** SHA-256 of the random value in the browser's binding cookie. */
  readonly bindingHash: TokenHash;
  /** Code mode: the app's PKCE `code_challenge` (S256) its exchange must answer; null in cookie mode. */
  readonly appChallenge: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Set when the callback consumed it; live only while null. */
  readonly usedAt: number | null;
  /** The app the sign-in is for (named when it started). */
  readonly appId: AppId;
}

/** A redeemed exchange code: its flow and what the callback stored for the app. */
export interface OAuthExchange {
  readonly flow: OAuthFlow;
  /** The identity the provider vouched for, as the callback serialised it. */
  readonly payload: string;
}

export interface OAuthFlowStore {
  start(flow: OAuthFlow): Promise<void>;
  /**
   * Marks the live flow named by `stateHash` used and returns it — exactly once, even under
   * concurrent calls. Null when unknown, already used, or expired (at `expiresAt` or later).
   */
  consume(stateHash: TokenHash, now: number): Promise<OAuthFlow | null>;
  /** Attaches a one-time exchange code (its digest) and its payload to a consumed flow. */
  offerExchange(stateHash: TokenHash, codeHash: TokenHash, payload: string, expiresAt: number): Promise<void>;
  /**
   * Redeems the exchange code with digest `codeHash` — exactly once, even under concurrent
   * calls. Null when unknown, already redeemed, or expired.
   */
  redeemExchange(codeHash: TokenHash, now: number): Promise<OAuthExchange | null>;
}
