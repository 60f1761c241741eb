/**
 * The package as a new user gets it: `npm pack` (which runs `prepare`, so `dist/` is built),
 * installed with express into an empty project, then the README's "Embed it" snippet, copied
 * from the README as written, run with node and driven over real HTTP. Slow on purpose: the
 * install compiles better-sqlite3 from source.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const PASSWORD = 'correct horse battery staple';

/** The first `ts` block under the README's "## Embed it" heading, exactly as a reader copies it. */
function embedSnippet(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = readme.split(/^## Embed it$/m)[1]?.split(/^## /m)[0] ?? '';
  const code = /^```ts\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!code) throw new Error('README.md has no ```ts block under "## Embed it"');
  return code;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/** Polls `url` until it answers 200, or fails once `child` has exited or the deadline passes. */
async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the snippet exited ${child.exitCode}:\n${output()}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the snippet did not answer ${url}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The install compiles better-sqlite3: this test once took 12.5 minutes on two busy cores.
const INSTALL_TIMEOUT = 20 * 60_000;

const temp = mkdtempSync(join(tmpdir(), 'gatehouse-install-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the packed package', () => {
  it('installs into an empty project and runs the README embed snippet', {
    timeout: INSTALL_TIMEOUT,
  }, async () => {
    // Native addons build against the local Node headers rather than downloading anything.
    const env = {
      ...process.env,
      npm_config_nodedir: '/usr',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    };
    await run('npm', ['pack', '--pack-destination', temp, '--silent'], { cwd: repo, env });
    const tarball = readdirSync(temp).find((file) => file.endsWith('.tgz'));
    expect(tarball).toBe(`${pkg.name}-${pkg.version}.tgz`);

    const app = join(temp, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'new-user-app', private: true, type: 'module' }),
    );
    await run('npm', ['install', '--prefer-offline', join(temp, tarball!), 'express'], {
      cwd: app,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });

    // The bin runs by itself: npm linked it, it is executable, and its shebang finds node.
    const version = await run(join(app, 'node_modules/.bin/gatehouse'), ['--version'], { cwd: app, env });
    expect(version.stdout).toBe(`${pkg.version}\n`);

    writeFileSync(join(app, 'server.js'), embedSnippet());
    const port = await freePort();
    const child = spawn(process.execPath, ['server.js'], {
      cwd: app,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitUntilServing(`${url}/readyz`, child, () => output);

      const signUp = await fetch(`${url}/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.com', password: PASSWORD, name: 'Ada' }),
      });
      expect(signUp.status).toBe(201);
      const { accessToken } = await signUp.json();

      const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ hello: 'ada@example.com' });

      const anonymous = await fetch(`${url}/api/me`);
      expect(anonymous.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
