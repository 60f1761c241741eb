/**
 * Turns a provider's answer at our callback into the identity it vouches for, through
 * openid-client: the authorization-code grant with the flow's PKCE verifier and expected
 * `state`, then — OpenID Connect — the ID token's checks (signature by the issuer's published
 * keys, `iss` exactly the issuer, `aud` our client id, `exp`/`iat`, and `nonce` exactly the
 * flow's: a missing or different nonce fails). The subject is the token's `sub`, the issuer its
 * `iss`; an address counts as verified only on `email_verified: true` (Apple: also the string
 * `"true"`). When the ID token carries no address, the UserInfo endpoint is asked (its `sub`
 * must match). GitHub has no ID token: its user API names the account.
 *
 * openid-client checks the provider's timestamps against the system clock, not the instance's
 * `Clock`: they were stamped by another machine in real time, so a test's moved clock would
 * say nothing about them.
 */
import * as client from 'openid-client';
import type { ServiceContext } from '../context.js';
import type { ExternalIdentity } from '../identities/external-identity.js';
import { githubIdentity } from './github-user.js';
import type { ResolvedProvider } from './presets.js';
import { failureReason, oauthFailed } from './provider-failure.js';
import { callbackUrl } from './return-to.js';

export interface FlowChecks {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

/** The parameters of an authorization response that the grant reads; nothing else is passed on. */
const RESPONSE_PARAMETERS = ['code', 'state', 'iss'];

export async function providerIdentity(
  ctx: ServiceContext,
  provider: ResolvedProvider,
  config: client.Configuration,
  params: URLSearchParams,
  checks: FlowChecks,
): Promise<ExternalIdentity> {
  // The redirect URI sent to the token endpoint is this URL without its query: ours, per provider.
  const current = new URL(callbackUrl(ctx.settings, provider.name));
  for (const name of RESPONSE_PARAMETERS) {
    const value = params.get(name);
    if (value !== null) current.searchParams.set(name, value);
  }
  const oidc = provider.kind === 'oidc';
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      ...(oidc ? { expectedNonce: checks.nonce, idTokenExpected: true } : {}),
    });
  } catch (error) {
    throw oauthFailed(failureReason(error), error);
  }
  if (!oidc) return githubIdentity(provider, ctx.oauth.fetch, tokens.access_token);

  const claims = tokens.claims();
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') throw oauthFailed('id_token sub');
  let profile: Readonly<Record<string, unknown>> = claims;
  if (claims.email === undefined && config.serverMetadata().userinfo_endpoint) {
    try {
      profile = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    } catch (error) {
      throw oauthFailed(`userinfo ${failureReason(error)}`, error);
    }
  }
  const email = typeof profile.email === 'string' && profile.email !== '' ? profile.email : null;
  const asserted =
    profile.email_verified === true || (provider.preset === 'apple' && profile.email_verified === 'true');
  return {
    provider: provider.name,
    issuer: claims.iss,
    subject: claims.sub,
    email,
    emailVerified: email !== null && asserted && provider.trustEmail,
    name: nameOf(profile) ?? (provider.preset === 'apple' ? appleName(params.get('user')) : null),
  };
}

function nameOf(profile: Readonly<Record<string, unknown>>): string | null {
  if (typeof profile.name === 'string' && profile.name.trim() !== '') return profile.name;
  const parts = [profile.given_name, profile.family_name].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  );
  return parts.length > 0 ? parts.join(' ') : null;
}

/**
 * Apple sends the name once, at the first sign-in, in the form's `user` field (JSON), never in
 * the ID token. Only the name is read from it: the address comes from the signed ID token.
 */
function appleName(user: string | null): string | null {
  if (user === null || user.length > 4096) return null;
  try {
    const name = (JSON.parse(user) as { name?: { firstName?: unknown; lastName?: unknown } }).name;
    const parts = [name?.firstName, name?.lastName].filter(
      (p): p is string => typeof p === 'string' && p.trim() !== '',
    );
    return parts.length > 0 ? parts.join(' ') : null;
  } catch {
    return null;
  }
}
