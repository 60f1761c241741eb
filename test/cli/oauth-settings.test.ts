/**
 * Social-login settings as an operator writes them: providers in `gatehouse.toml` (snake_case,
 * as docs/social-login.md shows them), client secrets kept out of it in `.env`, and a bad
 * provider named by where it was written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/cli/settings-sources.js';
import { resolveProvider } from '../../src/services/oauth/presets.js';
import { tempDir } from '../support/cli.js';

const TOML = `base_url = "https://auth.example.com"

[oauth]
redirect_urls = ["https://app.example.com/after-sign-in", "com.example.app:/oauth"]
default_redirect = "https://app.example.com/"

[oauth.providers.google]
preset = "google"
client_id = "1234.apps.googleusercontent.com"

[oauth.providers.microsoft]
preset = "microsoft"
tenant = "organizations"
client_id = "00000000-0000-0000-0000-000000000000"

[oauth.providers.github]
preset = "github"
client_id = "Iv1.0123456789abcdef"
scopes = ["read:user", "user:email"]

[oauth.providers.corp]
issuer = "https://sso.example.com/realms/staff"
client_id = "gatehouse"
display_name = "Staff SSO"
`;

describe('oauth settings from gatehouse.toml and .env', () => {
  it('reads the providers from TOML and their secrets from .env', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), TOML);
    writeFileSync(
      join(cwd, '.env'),
      `GATEHOUSE_OAUTH_CLIENT_SECRETS='{"google":"g-secret","github":"gh-secret","corp":"c-secret"}'\n`,
    );
    const { settings } = loadSettings({ cwd, env: {} });
    expect(settings.oauth.redirectUrls).toEqual([
      'https://app.example.com/after-sign-in',
      'com.example.app:/oauth',
    ]);
    const { providers, clientSecrets } = settings.oauth;
    const google = resolveProvider('google', providers.google!, clientSecrets.google);
    expect(google).toMatchObject({ issuer: 'https://accounts.google.com', clientSecret: 'g-secret' });
    expect(resolveProvider('microsoft', providers.microsoft!)).toMatchObject({
      issuer: 'https://login.microsoftonline.com/organizations/v2.0',
      clientSecret: null,
    });
    expect(resolveProvider('github', providers.github!, clientSecrets.github)).toMatchObject({
      kind: 'github',
      issuer: 'https://github.com',
    });
    expect(resolveProvider('corp', providers.corp!, clientSecrets.corp)).toMatchObject({
      kind: 'oidc',
      issuer: 'https://sso.example.com/realms/staff',
      displayName: 'Staff SSO',
      scopes: ['openid', 'email', 'profile'],
    });
  });

  it('names a bad provider by where it was written', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      '[oauth.providers.corp]\nclient_id = "x"\n[oauth.providers.dev]\nissuer = "http://localhost:8080"\nclient_id = "y"\n',
    );
    expect(() => loadSettings({ cwd, env: {} })).toThrow(
      /gatehouse\.toml oauth\.providers \(oauth\.providers\.corp\.issuer\): required without a preset/,
    );
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/\(oauth\.providers\.dev\.issuer\): must be https/);
  });
});
