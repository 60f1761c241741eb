/**
 * Starts a sign-in (or, for a signed-in user, a link) at a configured provider: the
 * authorization-code request with PKCE (S256), `state` and — OpenID Connect — `nonce`, sent to
 * the provider's own callback URL. The flow is stored under the digest of its `state`, bound to
 * the provider and to this browser (the sealed random value the caller puts in a short-lived
 * HttpOnly cookie; a browser that already has one keeps it, so flows in two tabs both finish).
 *
 * Code mode (SPAs, mobile apps): the app sends its own PKCE `code_challenge` (S256 only); the
 * callback then hands it a one-time code that only the matching verifier can exchange.
 */
import * as client from 'openid-client';
import { GatehouseError } from '../../core/errors.js';
import { hashToken } from '../../crypto/opaque-token.js';
import type { OAuthFlow } from '../../store/ports/oauth-flow-store.js';
import { appForSignIn } from '../apps/app-for-sign-in.js';
import { resolveApp } from '../apps/resolve-app.js';
import type { ServiceContext } from '../context.js';
import { recentSession } from '../mfa/recent-auth.js';
import { FLOW_SECRET, newFlowSecret, open, s256, seal } from './flow-secrets.js';
import type { ResolvedProvider } from './presets.js';
import { callbackUrl, returnTarget } from './return-to.js';

export interface StartOAuthInput {
  /** The configured provider's name. */
  readonly provider: string;
  /** Where to send the browser afterwards; only an `oauth.redirectUrls` entry is followed. */
  readonly returnTo?: string | null;
  /** `cookie` (default): a session in cookies. `code`: a one-time code for `exchangeOAuthCode`. */
  readonly mode?: 'cookie' | 'code';
  /** Code mode: the app's PKCE challenge, S256 of a verifier only it knows. */
  readonly codeChallenge?: string | null;
  /** Code mode: must be `S256` (`plain` is refused). */
  readonly codeChallengeMethod?: string | null;
  /** The browser's binding cookie from an earlier start, if it sent one. */
  readonly binding?: string | null;
  /** Link instead of sign in: the signed-in caller's access token (recent sign-in needed). */
  readonly linkAccessToken?: string;
  /** The app to sign in to (the default app when absent); its redirect URLs join the allow-list. */
  readonly app?: string | null;
}

export interface StartedOAuth {
  /** Send the browser here (302). */
  readonly url: string;
  /** The value of the binding cookie to set (HttpOnly, `bindingMaxAge` seconds). */
  readonly binding: string;
  readonly bindingMaxAge: number;
  /** The provider answers with a cross-site form POST (Apple): the cookie must be SameSite=None. */
  readonly formPost: boolean;
}

const APP_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** The configured provider `name`, or `PROVIDER_NOT_FOUND`. */
export function findProvider(ctx: ServiceContext, name: unknown): ResolvedProvider {
  const provider = typeof name === 'string' ? ctx.oauth.find(name) : undefined;
  if (!provider) throw new GatehouseError('PROVIDER_NOT_FOUND', 'No such sign-in provider');
  return provider;
}

export async function startOAuth(ctx: ServiceContext, input: StartOAuthInput): Promise<StartedOAuth> {
  const provider = findProvider(ctx, input.provider);
  const appChallenge = input.mode === 'code' ? readAppChallenge(input) : null;
  const linking =
    input.linkAccessToken === undefined ? null : await recentSession(ctx, input.linkAccessToken);
  // Linking adds to the account, whatever app asked; signing in must be allowed by the app.
  const app = linking
    ? await resolveApp(ctx, linking.session.appId)
    : await appForSignIn(ctx, { app: input.app ?? null }, `oauth:${provider.name}`);
  const returnTo = returnTarget(ctx.settings, input.returnTo, app.redirectUrls);
  const redirectUri = callbackUrl(ctx.settings, provider.name);
  const config = await ctx.oauth.configuration(provider);

  const existing = open(ctx, 'oauth-binding', input.binding);
  const bindingValue = existing !== null && FLOW_SECRET.test(existing) ? existing : newFlowSecret(ctx);
  const state = newFlowSecret(ctx);
  const nonce = newFlowSecret(ctx);
  const verifier = newFlowSecret(ctx);
  const now = ctx.clock.now();
  const ttl = ctx.settings.oauth.flowTtl;
  const flow: OAuthFlow = {
    stateHash: hashToken(state),
    provider: provider.name,
    intent: linking ? 'link' : 'sign_in',
    sessionId: linking?.session.id ?? null,
    nonce,
    sealedVerifier: seal(ctx, 'oauth-pkce', verifier),
    returnTo,
    bindingHash: hashToken(bindingValue),
    appChallenge,
    createdAt: now,
    expiresAt: now + ttl * 1000,
    usedAt: null,
    appId: app.id,
  };
  await ctx.store.oauthFlows.start(flow);

  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: provider.scopes.join(' '),
    state,
    code_challenge: s256(verifier),
    code_challenge_method: 'S256',
  };
  if (provider.kind === 'oidc') parameters.nonce = nonce;
  if (provider.formPost) parameters.response_mode = 'form_post';
  return {
    url: client.buildAuthorizationUrl(config, parameters).href,
    binding: seal(ctx, 'oauth-binding', bindingValue),
    bindingMaxAge: ttl,
    formPost: provider.formPost,
  };
}

function readAppChallenge(input: StartOAuthInput): string {
  const invalid = (message: string) =>
    new GatehouseError('VALIDATION_ERROR', message, {
      issues: [{ path: 'code_challenge', message }],
    });
  if (input.codeChallengeMethod !== 'S256') {
    throw invalid('Code mode needs code_challenge_method=S256 (plain is not accepted)');
  }
  if (typeof input.codeChallenge !== 'string' || !APP_CHALLENGE.test(input.codeChallenge)) {
    throw invalid('code_challenge must be the base64url SHA-256 of your code verifier (43 characters)');
  }
  return input.codeChallenge;
}
