/**
 * The provider's answer at `/auth/oauth/<provider>/callback`, checked in this order:
 *
 * 1. `state` is present and names a live flow, which is consumed at once — a state works once,
 *    wherever it is presented; the flow must have been started for THIS provider and in THIS
 *    browser (its binding cookie). Anything else: `OAUTH_STATE_INVALID`, no session.
 * 2. A provider `error=` (the person cancelled…) sends the browser back to the flow's page with
 *    `error=OAUTH_FAILED&reason=<the provider's code>`.
 * 3. An `iss` response parameter, when present, must equal the provider's issuer exactly (RFC
 *    9207, the mix-up defence beside per-provider redirect URIs); else `OAUTH_FAILED`.
 * 4. The code grant and the ID token (provider-identity.ts); any failure: `OAUTH_FAILED`.
 * 5. Then the account: a link to the session that started the flow, a session (cookie mode), or
 *    — code mode — a one-time code the app exchanges with its PKCE verifier. Refusals of the
 *    account (`IDENTITY_NOT_LINKED`, `SIGN_UP_CLOSED`, a suspended user…) send the browser back
 *    with `error=<code>`.
 */

import { sessionIsLive } from '../../core/entities.js';
import { type ErrorCode, GatehouseError, isGatehouseError } from '../../core/errors.js';
import { sameSecret } from '../../crypto/constant-time.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import type { OAuthFlow } from '../../store/ports/oauth-flow-store.js';
import { appForSignIn } from '../apps/app-for-sign-in.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import type { ExternalIdentity } from '../identities/external-identity.js';
import { linkIdentity } from '../identities/link-identity.js';
import { signInWithIdentity } from '../identities/sign-in-with-identity.js';
import { isMfaChallenge, type MfaChallenge } from '../mfa/pending-sign-in.js';
import type { AuthResult } from '../views.js';
import { EXCHANGE_CODE_PREFIX, EXCHANGE_CODE_TTL } from './exchange-oauth-code.js';
import { FLOW_SECRET, open } from './flow-secrets.js';
import { oauthFailed, word } from './provider-failure.js';
import { providerIdentity } from './provider-identity.js';
import { findProvider } from './start-oauth.js';

export interface OAuthCallbackInput {
  readonly provider: string;
  /** The authorization response: the callback's query, or its form body (form_post). */
  readonly params: URLSearchParams;
  /** The browser's binding cookie(s), as they came; the flow must match one. */
  readonly bindings?: readonly string[];
}

/** How the callback ends; every kind sends the browser to `returnTo` (see `callbackLocation`). */
export type OAuthCallbackOutcome =
  | { readonly kind: 'signed_in'; readonly returnTo: string; readonly result: AuthResult }
  | { readonly kind: 'mfa_required'; readonly returnTo: string; readonly challenge: MfaChallenge }
  | { readonly kind: 'code'; readonly returnTo: string; readonly code: string }
  | { readonly kind: 'linked'; readonly returnTo: string; readonly provider: string }
  | {
      readonly kind: 'refused';
      readonly returnTo: string;
      readonly error: ErrorCode;
      /** The provider's own `error` code, when it refused (e.g. `access_denied`). */
      readonly reason: string | null;
    };

export async function handleOAuthCallback(
  ctx: ServiceContext,
  input: OAuthCallbackInput,
  client: ClientInfo = {},
): Promise<OAuthCallbackOutcome> {
  const provider = findProvider(ctx, input.provider);
  const failed = (reason: string, check: string | null = null) =>
    ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      client,
      data: { method: 'oauth', provider: provider.name, reason, ...(check ? { check } : {}) },
    });

  const flow = await takeFlow(ctx, provider.name, input, failed);
  const providerError = input.params.get('error');
  if (providerError !== null) {
    await failed(`provider_${word(providerError)}`);
    return { kind: 'refused', returnTo: flow.returnTo, error: 'OAUTH_FAILED', reason: word(providerError) };
  }

  let external: ExternalIdentity;
  try {
    const config = await ctx.oauth.configuration(provider);
    const iss = input.params.get('iss');
    const expected = provider.kind === 'github' ? provider.issuer : config.serverMetadata().issuer;
    if (iss !== null && iss !== expected) throw oauthFailed('iss response parameter');
    const verifier = open(ctx, 'oauth-pkce', flow.sealedVerifier);
    if (verifier === null) throw oauthFailed('flow');
    external = await providerIdentity(ctx, provider, config, input.params, {
      state: input.params.get('state') ?? '',
      nonce: flow.nonce,
      verifier,
    });
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'OAUTH_FAILED') {
      await failed('provider_answer', /\(([^)]*)\)/.exec(error.message)?.[1] ?? null);
    }
    throw error;
  }

  try {
    return await finish(ctx, flow, external, client);
  } catch (error) {
    // The account said no: the browser goes back to say so. A broken server is not an answer.
    if (!isGatehouseError(error) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE') throw error;
    return { kind: 'refused', returnTo: flow.returnTo, error: error.code, reason: null };
  }
}

/** Consumes the flow `state` names, if this browser started it for this provider. */
async function takeFlow(
  ctx: ServiceContext,
  provider: string,
  input: OAuthCallbackInput,
  failed: (reason: string) => Promise<void>,
): Promise<OAuthFlow> {
  const refuse = async (reason: string) => {
    await failed(reason);
    return new GatehouseError(
      'OAUTH_STATE_INVALID',
      'This sign-in was not started here, was already used or has expired; start again',
    );
  };
  const state = input.params.get('state');
  if (state === null || !FLOW_SECRET.test(state)) throw await refuse('state_missing');
  const flow = await ctx.store.oauthFlows.consume(hashToken(state), ctx.clock.now());
  if (!flow) throw await refuse('state_unknown');
  if (flow.provider !== provider) throw await refuse('state_other_provider');
  const bound = (input.bindings ?? []).some((cookie) => {
    const binding = open(ctx, 'oauth-binding', cookie);
    return binding !== null && sameSecret(hashToken(binding), flow.bindingHash);
  });
  if (!bound) throw await refuse('state_other_browser');
  return flow;
}

async function finish(
  ctx: ServiceContext,
  flow: OAuthFlow,
  external: ExternalIdentity,
  client: ClientInfo,
): Promise<OAuthCallbackOutcome> {
  const returnTo = flow.returnTo;
  if (flow.intent === 'link') {
    const found = flow.sessionId ? await ctx.store.sessions.findWithUser(flow.sessionId) : null;
    if (!found || !sessionIsLive(found.session, ctx.clock.now()) || found.user.status !== 'active') {
      throw new GatehouseError('SESSION_NOT_FOUND', 'The session that asked to link has ended');
    }
    await linkIdentity(ctx, found.user.id, found.session.id, external, client);
    return { kind: 'linked', returnTo, provider: external.provider };
  }
  if (flow.appChallenge !== null) {
    const code = `${EXCHANGE_CODE_PREFIX}${newOpaqueToken<string>(ctx.random)}`;
    const expiresAt = ctx.clock.now() + EXCHANGE_CODE_TTL * 1000;
    await ctx.store.oauthFlows.offerExchange(
      flow.stateHash,
      hashToken(code),
      JSON.stringify(external),
      expiresAt,
    );
    return { kind: 'code', returnTo, code };
  }
  const app = await appForSignIn(ctx, { app: flow.appId }, `oauth:${flow.provider}`);
  const result = await signInWithIdentity(ctx, external, client, { method: 'oauth', app });
  return isMfaChallenge(result)
    ? { kind: 'mfa_required', returnTo, challenge: result }
    : { kind: 'signed_in', returnTo, result };
}
