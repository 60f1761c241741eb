/**
 * A configured provider with its preset filled in: the issuer, the scopes, how its answer comes
 * back, and — for GitHub, which is OAuth 2 without OpenID Connect — its endpoints and user API.
 *
 * Quirks the presets carry:
 * - Microsoft: the issuer is `https://login.microsoftonline.com/<tenant>/v2.0`. For the
 *   multi-tenant `common`, `organizations` and `consumers`, the discovery document names a
 *   template issuer (`…/{tenantid}/v2.0`) and each ID token the user's own tenant; openid-client
 *   then expects the template with the token's `tid` filled in, and the identity keeps the
 *   token's own `iss` (so two tenants' subjects never collide). Microsoft does not send
 *   `email_verified`, so its addresses count as unverified (never linked by address: nOAuth).
 * - Apple: the answer is a cross-site form POST (`response_mode=form_post`); the person's name
 *   comes only at the first sign-in, in that form's `user` field, and `email_verified` may be the
 *   string `"true"`.
 * - GitHub: no ID token and no discovery; the identity comes from its user API: the numeric `id`
 *   as the subject, the primary verified address from `/user/emails`, the issuer recorded as
 *   `https://github.com` (or the GitHub Enterprise Server's URL given as `issuer`).
 */
import type { ResolvedSettings } from '../../core/config.js';

export type OAuthProviderSettings = ResolvedSettings['oauth']['providers'][string];

export interface GithubEndpoints {
  readonly authorization: string;
  readonly token: string;
  /** The REST API base: `https://api.github.com`, or `<server>/api/v3` for GitHub Enterprise Server. */
  readonly api: string;
}

export interface ResolvedProvider {
  readonly name: string;
  readonly kind: 'oidc' | 'github';
  readonly preset: OAuthProviderSettings['preset'] | null;
  /** The issuer discovery starts from (OpenID Connect), or the one recorded (GitHub). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string | null;
  readonly scopes: readonly string[];
  readonly displayName: string;
  /** The provider answers with a cross-site form POST to the callback (Apple). */
  readonly formPost: boolean;
  /** http:// allowed (local development and tests). */
  readonly insecure: boolean;
  readonly trustEmail: boolean;
  readonly github: GithubEndpoints | null;
}

const OIDC_SCOPES = ['openid', 'email', 'profile'];
const GITHUB_COM = 'https://github.com';

const PRESET_NAMES: Readonly<Record<NonNullable<OAuthProviderSettings['preset']>, string>> = {
  google: 'Google',
  microsoft: 'Microsoft',
  apple: 'Apple',
  gitlab: 'GitLab',
  github: 'GitHub',
};

function presetIssuer(p: OAuthProviderSettings): string | undefined {
  switch (p.preset) {
    case 'google':
      return 'https://accounts.google.com';
    case 'microsoft':
      return `https://login.microsoftonline.com/${p.tenant ?? 'common'}/v2.0`;
    case 'apple':
      return 'https://appleid.apple.com';
    case 'gitlab':
      return 'https://gitlab.com';
    case 'github':
      return GITHUB_COM;
    default:
      return undefined;
  }
}

function githubEndpoints(issuer: string): GithubEndpoints {
  const base = issuer.replace(/\/+$/, '');
  return {
    authorization: `${base}/login/oauth/authorize`,
    token: `${base}/login/oauth/access_token`,
    api: base === GITHUB_COM ? 'https://api.github.com' : `${base}/api/v3`,
  };
}

/**
 * `name`'s settings with its preset applied (the settings schema made sure an issuer exists);
 * `secret` is its entry in `oauth.clientSecrets`, used when the provider names none itself.
 */
export function resolveProvider(name: string, p: OAuthProviderSettings, secret?: string): ResolvedProvider {
  const kind = p.preset === 'github' ? 'github' : 'oidc';
  // An explicit issuer wins over the preset's: self-hosted GitLab, GitHub Enterprise, a test stand-in.
  const issuer = (p.issuer ?? presetIssuer(p)) as string;
  const defaults = p.preset === 'apple' ? ['openid', 'email', 'name'] : OIDC_SCOPES;
  let scopes = p.scopes ?? (kind === 'github' ? ['read:user', 'user:email'] : defaults);
  if (kind === 'oidc' && !scopes.includes('openid')) scopes = ['openid', ...scopes];
  return {
    name,
    kind,
    preset: p.preset ?? null,
    issuer: kind === 'github' ? issuer.replace(/\/+$/, '') : issuer,
    clientId: p.clientId,
    clientSecret: p.clientSecret ?? secret ?? null,
    scopes,
    displayName: p.displayName ?? (p.preset ? PRESET_NAMES[p.preset] : name),
    formPost: p.preset === 'apple',
    insecure: p.allowInsecureIssuer,
    trustEmail: p.trustEmail,
    github: kind === 'github' ? githubEndpoints(issuer) : null,
  };
}
