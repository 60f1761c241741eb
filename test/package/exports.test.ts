/** The built package as users get it: every `exports` subpath resolves through the package name. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

describe('package exports', () => {
  it('is ESM only with types first in every export', () => {
    expect(pkg.type).toBe('module');
    for (const [path, target] of Object.entries<Record<string, string> | string>(pkg.exports)) {
      if (typeof target === 'string') continue;
      expect(Object.keys(target)[0], path).toBe('types');
    }
  });

  it.each([
    [
      'gatehouse-auth',
      [
        'createGatehouse',
        'createGatehouseWith',
        'GatehouseError',
        'isGatehouseError',
        'argon2Hasher',
        'ManualClock',
        'readBearer',
        'verifyWebhookSignature',
      ],
    ],
    ['gatehouse-auth/sqlite', ['sqliteStore']],
    ['gatehouse-auth/postgres', ['postgresStore']],
    ['gatehouse-auth/mysql', ['mysqlStore']],
    ['gatehouse-auth/node', ['toNodeHandler', 'requireUser', 'optionalUser']],
    ['gatehouse-auth/express', ['gatehouseRouter', 'requireUser', 'optionalUser', 'signedIn']],
    ['gatehouse-auth/fastify', ['gatehousePlugin', 'requireUser', 'optionalUser', 'signedIn']],
    ['gatehouse-auth/hono', ['gatehouseRoutes', 'requireUser', 'optionalUser']],
  ])('%s exports %j', async (specifier, names) => {
    const mod = await import(/* @vite-ignore */ specifier);
    for (const name of names) expect(typeof mod[name], `${specifier} ${name}`).toBe('function');
  });

  const bin = fileURLToPath(new URL(`../../${pkg.bin.gatehouse}`, import.meta.url));
  const runBin = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

  it.each(['--help', '-h'])('the bin answers %s with the usage, exit 0', (flag) => {
    const result = runBin(flag);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: gatehouse <command> \[options\]/);
    expect(result.stdout).toContain('-v, --version');
  });

  it.each(['--version', '-v'])('the bin answers %s with the package version, exit 0', (flag) => {
    expect(runBin(flag)).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('the bin without a command prints the usage to stdout and exits 2', () => {
    const result = runBin();
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^Usage: gatehouse/);
  });

  it('the bin is an executable script with a node shebang', () => {
    expect(readFileSync(bin, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
  });

  it('a store from gatehouse-auth/sqlite plugs into createGatehouse', async () => {
    const { createGatehouse } = await import(/* @vite-ignore */ 'gatehouse-auth');
    const { sqliteStore } = await import(/* @vite-ignore */ 'gatehouse-auth/sqlite');
    const gatehouse = createGatehouse({ store: sqliteStore({ filename: ':memory:' }), logLevel: 'silent' });
    const result = await gatehouse.signUp({
      email: 'pkg@example.com',
      password: 'correct horse battery staple',
    });
    expect(result.user.email).toBe('pkg@example.com');
    await gatehouse.close();
  });
});
