/**
 * The `idTokens.providers` settings: what each preset needs and refuses, where keys may come
 * from, and the same table from `gatehouse.toml` and the environment.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/cli/settings-sources.js';
import { resolveSettings, SettingsError } from '../../src/core/config.js';
import { idTokenProvider } from '../../src/services/id-tokens/id-token-provider.js';
import { tempDir } from '../support/cli.js';

const keysOf = (providers: unknown): string[] => {
  try {
    resolveSettings({ idTokens: { providers } });
  } catch (error) {
    // A value may fail more than one check of its key: one entry per key.
    if (error instanceof SettingsError) return [...new Set(error.keys)];
    throw error;
  }
  return [];
};

describe('idTokens.providers', () => {
  it('fills in each preset', () => {
    const settings = resolveSettings({
      idTokens: {
        providers: {
          firebase: { preset: 'firebase', projectId: 'my-project' },
          google: { preset: 'google', audiences: ['web.apps.googleusercontent.com'] },
          apple: { preset: 'apple', audiences: ['com.example.app'] },
        },
      },
    });
    expect(idTokenProvider(settings, 'firebase')).toMatchObject({
      issuers: ['https://securetoken.google.com/my-project'],
      audiences: ['my-project'],
      jwksUrl: 'https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com',
      algorithms: ['RS256'],
      nonce: 'plain',
    });
    expect(idTokenProvider(settings, 'google')).toMatchObject({
      issuers: ['https://accounts.google.com', 'accounts.google.com'],
      jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
      nonce: 'sha256',
    });
    expect(idTokenProvider(settings, 'apple')).toMatchObject({
      issuers: ['https://appleid.apple.com'],
      jwksUrl: 'https://appleid.apple.com/auth/keys',
      nonce: 'sha256',
    });
    expect(idTokenProvider(settings, 'constructor')).toBeNull();
  });

  it('refuses what a preset cannot use, and a provider without what it needs', () => {
    const p = 'idTokens.providers';
    expect(keysOf({ f: { preset: 'firebase' } })).toEqual([`${p}.f.projectId`]);
    expect(keysOf({ f: { preset: 'firebase', projectId: 'x', audiences: ['y'] } })).toEqual([
      `${p}.f.audiences`,
    ]);
    expect(keysOf({ g: { preset: 'google' } })).toEqual([`${p}.g.audiences`]);
    expect(keysOf({ a: { preset: 'apple', audiences: ['x'], algorithms: ['ES256'] } })).toEqual([
      `${p}.a.algorithms`,
    ]);
    expect(keysOf({ a: { preset: 'apple', audiences: ['x'], hostedDomain: 'example.com' } })).toEqual([
      `${p}.a.hostedDomain`,
    ]);
    expect(keysOf({ c: {} }).sort()).toEqual([`${p}.c.audiences`, `${p}.c.issuer`, `${p}.c.jwksUrl`]);
    expect(
      keysOf({
        c: { issuer: 'i', audiences: ['a'], jwksUrl: 'https://x.example/jwks', algorithms: ['HS256'] },
      }),
    ).toEqual([`${p}.c.algorithms.0`]);
    expect(
      keysOf({
        c: { issuer: 'i', audiences: ['a'], jwksUrl: 'https://x.example/jwks', algorithms: ['none'] },
      }),
    ).toEqual([`${p}.c.algorithms.0`]);
    expect(keysOf({ 'Bad Name': { preset: 'apple', audiences: ['x'] } })).toEqual([`${p}.Bad Name`]);
  });

  it('takes keys over https, or plain http on loopback only', () => {
    const base = { issuer: 'i', audiences: ['a'] };
    expect(keysOf({ c: { ...base, jwksUrl: 'http://127.0.0.1:8080/jwks' } })).toEqual([]);
    expect(keysOf({ c: { ...base, jwksUrl: 'http://localhost/jwks' } })).toEqual([]);
    expect(keysOf({ c: { ...base, jwksUrl: 'http://keys.example/jwks' } })).toEqual([
      'idTokens.providers.c.jwksUrl',
    ]);
    expect(keysOf({ c: { ...base, jwksUrl: 'file:///etc/jwks' } })).toEqual(['idTokens.providers.c.jwksUrl']);
  });

  it('reads the table from gatehouse.toml (snake_case) and from GATEHOUSE_ID_TOKENS_PROVIDERS', () => {
    const cwd = tempDir('id-token-settings');
    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      '[id_tokens.providers.firebase]\npreset = "firebase"\nproject_id = "from-toml"\njwks_url = "http://127.0.0.1:9/jwks"\n',
    );
    const fromToml = loadSettings({ cwd, env: {} }).settings;
    expect(fromToml.idTokens.providers.firebase).toMatchObject({
      projectId: 'from-toml',
      jwksUrl: 'http://127.0.0.1:9/jwks',
    });
    const fromEnv = loadSettings({
      cwd,
      env: { GATEHOUSE_ID_TOKENS_PROVIDERS: '{"apple":{"preset":"apple","audiences":["com.example"]}}' },
    }).settings;
    expect(Object.keys(fromEnv.idTokens.providers)).toEqual(['apple']);
    writeFileSync(join(cwd, 'gatehouse.toml'), '[id_tokens.providers.firebase]\npreset = "firebase"\n');
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/id_tokens\.providers.*projectId/);
  });
});
