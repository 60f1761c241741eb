/**
 * Settings of sign-in through outside identity providers (see docs/federation.md): OpenID
 * Connect / OAuth providers a browser is sent to (`oauth`), providers whose ID tokens an app
 * brings back itself (`idTokens`), and how their identities link to accounts (`identities`).
 * Provider names are the keys: they appear in paths (`/auth/oauth/google/start`) and requests.
 */
import { z } from 'zod';

/** A provider's name: lower-case letters, digits and dashes. */
export const providerName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'a-z, 0-9 and -, at most 32');

const httpsOrLocal = z.url({ protocol: /^https?$/ });

export const OAUTH_PRESETS = ['google', 'microsoft', 'apple', 'gitlab', 'github'] as const;

export const oauthProviderSchema = z
  .strictObject({
    /** Fills in the issuer, endpoints, scopes and quirks of a well-known provider (docs/social-login.md). */
    preset: z.enum(OAUTH_PRESETS).optional(),
    /**
     * The OpenID Provider's issuer, whose discovery document gives the endpoints. Required without
     * a preset; with one it replaces the preset's (a self-hosted GitLab, GitHub Enterprise Server,
     * a local stand-in in tests).
     */
    issuer: httpsOrLocal.optional(),
    clientId: z.string().min(1),
    /** Client secret; omit for a public client (PKCE only). Apple's is a signed JWT you renew. */
    clientSecret: z.string().min(1).optional(),
    /** Scopes asked for; `openid email profile` for OpenID Connect by default (`openid` is always added). */
    scopes: z.array(z.string().min(1).max(200)).max(50).optional(),
    /** A name to show on buttons. */
    displayName: z.string().min(1).max(100).optional(),
    /** Microsoft only: the tenant (`common` by default, `organizations`, `consumers`, a tenant id). */
    tenant: z
      .string()
      .regex(/^[A-Za-z0-9.-]{1,100}$/, 'a tenant id, a domain, common, organizations or consumers')
      .optional(),
    /** Allow an http:// issuer (local development and tests only). */
    allowInsecureIssuer: z.boolean().default(false),
    /**
     * Believe the provider's `email_verified` (default). Off: its addresses count as unverified —
     * never linked to an account by address, never given to a new one.
     */
    trustEmail: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (p.preset === undefined && p.issuer === undefined) issue('issuer', 'required without a preset');
    if (p.tenant !== undefined && p.preset !== 'microsoft') issue('tenant', 'only for the microsoft preset');
    if (p.issuer?.startsWith('http:') && !p.allowInsecureIssuer) {
      issue('issuer', 'must be https (set allowInsecureIssuer for local development)');
    }
  });

/**
 * Where an app may ask to be sent back after a provider's sign-in (`returnTo`): an http(s) URL,
 * or a mobile app's private-use scheme in reverse-domain form (`com.example.app:/oauth`, RFC
 * 8252 §7.1) — never `javascript:`, `data:` or another scheme without a dot.
 */
const returnUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return /^https?:$/.test(protocol) || /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/.test(protocol);
    } catch {
      return false;
    }
  }, 'an http(s) URL, or an app scheme in reverse-domain form (com.example.app:/path)');

export const ID_TOKEN_PRESETS = ['firebase', 'google', 'apple'] as const;

const ID_TOKEN_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

/**
 * Where a provider's keys are fetched: https, or http on a loopback address only (a local key
 * server in tests or beside a self-hosted provider) — keys fetched in clear over a network could
 * be swapped on the way.
 */
const jwksUrl = z.url({ protocol: /^https?$/ }).refine((url) => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}, 'must be https (http only on localhost, 127.0.0.1 or [::1])');

export const idTokenProviderSchema = z
  .strictObject({
    /** Fills in the issuer, audience and keys of Firebase, Google or Apple (docs/id-tokens.md). */
    preset: z.enum(ID_TOKEN_PRESETS).optional(),
    /** Firebase: the project id (issuer `https://securetoken.google.com/<projectId>`, audience it). */
    projectId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.:-]{0,99}$/, 'a Firebase project id')
      .optional(),
    /**
     * The exact `iss` accepted. Required without a preset; with one it replaces the preset's
     * issuer(s) — for tests and self-hosted providers.
     */
    issuer: z.string().min(1).max(512).optional(),
    /** Accepted `aud` values: Google's client ids, Apple's bundle or services ids, your own. */
    audiences: z.array(z.string().min(1).max(512)).min(1).max(50).optional(),
    /**
     * Where the signing keys are published (a JWKS document). Required without a preset; with
     * one it replaces the preset's — for tests (a local key server) and self-hosting.
     */
    jwksUrl: jwksUrl.optional(),
    /** Signature algorithms accepted, without a preset (presets: RS256). Never `none` or an HMAC. */
    algorithms: z.array(z.enum(ID_TOKEN_ALGORITHMS)).min(1).optional(),
    /** Google: accept only accounts of this Workspace domain (the `hd` claim). */
    hostedDomain: z.string().min(1).max(253).optional(),
    /** Oldest accepted token, in seconds since its `iat` (default a day; `exp` still applies). */
    maxAge: z.number().int().min(60).max(86_400).optional(),
    /**
     * How the token's `nonce` claim relates to the `nonce` the request sends (always the raw
     * value the app made): `sha256` — the claim is its SHA-256 in lower-case hex, as native
     * Apple and Google sign-in are given it (the default for those presets); `plain` — the
     * claim is the value itself (the default otherwise). Exactly one form is accepted.
     */
    nonce: z.enum(['sha256', 'plain']).optional(),
    /** Refuse tokens presented without a nonce. */
    requireNonce: z.boolean().default(false),
    /**
     * Believe the provider's `email_verified` (default). Off: its addresses count as unverified
     * — never linked to an account by address, never given to a new one.
     */
    trustEmail: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (p.preset === undefined) {
      if (p.issuer === undefined) issue('issuer', 'required without a preset');
      if (p.audiences === undefined) issue('audiences', 'required without a preset');
      if (p.jwksUrl === undefined) issue('jwksUrl', 'required without a preset');
    } else if (p.algorithms !== undefined) {
      issue('algorithms', `fixed by the ${p.preset} preset (RS256)`);
    }
    if (p.preset === 'firebase') {
      if (p.projectId === undefined) issue('projectId', 'required by the firebase preset');
      if (p.audiences !== undefined) issue('audiences', 'the firebase preset accepts its projectId only');
    } else if (p.projectId !== undefined) {
      issue('projectId', 'only for the firebase preset');
    }
    if ((p.preset === 'google' || p.preset === 'apple') && p.audiences === undefined) {
      issue('audiences', `required by the ${p.preset} preset (your client ids)`);
    }
    if (p.hostedDomain !== undefined && (p.preset === 'firebase' || p.preset === 'apple')) {
      issue('hostedDomain', 'only for Google');
    }
  });

export const federationSettings = {
  oauth: z
    .strictObject({
      providers: z.record(providerName, oauthProviderSchema).default({}),
      /**
       * Where `returnTo` may send the browser after the callback: absolute URLs, matched
       * exactly (as written here, or as the URL parser spells them). Anything else goes to
       * `defaultRedirect`.
       */
      redirectUrls: z.array(returnUrl).max(100).default([]),
      /** Where the browser goes when `returnTo` is absent or not allowed; `baseUrl` + `/` by default. */
      defaultRedirect: z.url({ protocol: /^https?$/ }).optional(),
      /** How long a started sign-in may take at the provider. */
      flowTtl: z.number().int().min(60).max(1800).default(600),
      /**
       * Client secrets by provider name, for keeping them out of `gatehouse.toml`
       * (`GATEHOUSE_OAUTH_CLIENT_SECRETS='{"google":"…"}'` in the environment or `.env`). A
       * provider's own `clientSecret` wins.
       */
      clientSecrets: z.record(providerName, z.string().min(1)).default({}),
    })
    .prefault({}),
  idTokens: z
    .strictObject({
      providers: z.record(providerName, idTokenProviderSchema).default({}),
    })
    .prefault({}),
  identities: z
    .strictObject({
      /**
       * Link a provider's identity to the account with the same address when the provider says
       * the address is verified and the account's address is verified too (docs/federation.md).
       */
      autoLink: z.boolean().default(true),
    })
    .prefault({}),
};
