/**
 * `gatehouse users import` with users from `firebase auth:export`, the project's hash parameters
 * given as GATEHOUSE_FIREBASE_SCRYPT_* in the secrets env file. The user and parameters are the
 * sample in github.com/firebase/scrypt's README ("Password Hashing").
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startServer, tempDir } from '../support/cli.js';

const SIGNER_KEY = 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==';
const HASH = 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==';
const env = { GATEHOUSE_SECRET: 'cli-test-secret-cli-test-secret-cli-test', GATEHOUSE_LOG_LEVEL: 'warn' };

describe('users import from a Firebase export', () => {
  it('imports with the parameters from the env file, refuses without them, and the user signs in', async () => {
    const cwd = tempDir('firebase');
    expect((await runCli(['migrate'], { cwd, env })).code).toBe(0);
    const file = join(cwd, 'users.jsonl');
    // `jq -c '.users[]' users.json`: one exported user per line.
    const user = (email: string) =>
      JSON.stringify({
        localId: 'kYi4EvWQlQTKSfnJ3dRSP6IH3ed2',
        email,
        emailVerified: false,
        passwordHash: HASH,
        salt: '42xEC+ixf3L2lw==',
        displayName: 'Test User 1',
      });
    writeFileSync(file, `${user('first@example.com')}\n`);

    const refused = await runCli(['users', 'import', file], { cwd, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 1: VALIDATION_ERROR');
    expect(refused.stderr).toContain('firebaseScrypt');

    writeFileSync(join(cwd, '.env'), `GATEHOUSE_FIREBASE_SCRYPT_SIGNER_KEY=${SIGNER_KEY}\n`);
    const result = await runCli(['users', 'import', file], { cwd, env });
    expect(result.stdout).toContain('Imported 1 user(s); skipped 0.');
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(SIGNER_KEY);

    const server = await startServer([], { cwd, env });
    try {
      const signIn = (password: string) =>
        fetch(`${server.url}/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'first@example.com', password }),
        });
      expect((await signIn('user1password!')).status).toBe(401);
      expect((await signIn('user1password')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
