/**
 * `gatehouse users import --firebase-project-id ID` carries a Firebase user's id and linked
 * Google account over as identities; once `gatehouse.toml` configures the ID-token providers
 * (keys at a local JWKS server), a Firebase or Google ID token signs in to the imported user on a
 * real server process.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServer, tempDir } from '../support/cli.js';
import { claimsFor, GOOGLE_WEB_CLIENT, PROJECT_ID } from '../support/id-token-providers.js';
import { type JwksServer, startJwksServer } from '../support/jwks-server.js';

const env = { GATEHOUSE_SECRET: 'cli-test-secret-cli-test-secret-cli-test', GATEHOUSE_LOG_LEVEL: 'warn' };

describe('users import with Firebase identities', () => {
  let jwks: JwksServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
  });
  afterAll(() => jwks?.stop());

  it('imports localId and the Google account, and their tokens sign in to the imported users', async () => {
    const cwd = tempDir('firebase-identities');
    expect((await runCli(['migrate'], { cwd, env })).code).toBe(0);
    const file = join(cwd, 'users.jsonl');
    const records = [
      // Signed in with Google only: no password.
      {
        localId: 'uid-google-only',
        email: 'google-only@example.com',
        emailVerified: true,
        providerUserInfo: [
          { providerId: 'google.com', rawId: '1122334455', email: 'google-only@example.com' },
        ],
      },
      // Signed in by phone: no password, no address.
      { localId: 'uid-phone-only', phoneNumber: '+15555550123' },
    ];
    writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);

    // Without a project (no flag, no provider configured) neither record has a way in.
    const refused = await runCli(['users', 'import', file], { cwd, env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Imported 1 user(s); skipped 1.');
    expect(refused.stderr).toContain('line 2: VALIDATION_ERROR');

    const result = await runCli(['users', 'import', file, '--firebase-project-id', PROJECT_ID], { cwd, env });
    // The Google account is linked already (the first run): that record is skipped whole; the phone user goes in.
    expect(result.stdout).toContain('Imported 1 user(s); skipped 1.');
    expect(result.stderr).toContain('line 1: IDENTITY_IN_USE');

    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      [
        '[id_tokens.providers.firebase]',
        'preset = "firebase"',
        `project_id = "${PROJECT_ID}"`,
        `jwks_url = "${jwks.url}"`,
        '',
        '[id_tokens.providers.google]',
        'preset = "google"',
        `audiences = ["${GOOGLE_WEB_CLIENT}"]`,
        `jwks_url = "${jwks.url}"`,
        '',
      ].join('\n'),
    );
    const server = await startServer([], { cwd, env });
    try {
      const signIn = async (provider: 'firebase' | 'google', sub: string) => {
        const now = Date.now();
        const idToken = await jwks.sign({ now, claims: claimsFor(provider, sub, now, { azp: undefined }) });
        const response = await fetch(`${server.url}/auth/sign-in/id-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ provider, idToken }),
        });
        return {
          status: response.status,
          body: (await response.json()) as { user: { id: string; email: string } },
        };
      };
      const byGoogle = await signIn('google', '1122334455');
      expect(byGoogle.status).toBe(200);
      expect(byGoogle.body.user.email).toBe('google-only@example.com');
      const phone = await signIn('firebase', 'uid-phone-only');
      expect(phone.status).toBe(200);
      expect(phone.body.user.email).toBeNull();
      // The same user again: not a new account.
      expect((await signIn('firebase', 'uid-phone-only')).body.user.id).toBe(phone.body.user.id);
    } finally {
      await server.stop();
    }
  });
});
