/** The built package as users get it: every `exports` subpath resolves through the package name. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
      ],
    ],
    ['gatehouse-auth/sqlite', ['sqliteStore']],
    ['gatehouse-auth/postgres', ['postgresStore']],
    ['gatehouse-auth/node', ['toNodeHandler', 'requireUser']],
    ['gatehouse-auth/express', ['gatehouseRouter', 'requireUser', 'signedIn']],
    ['gatehouse-auth/fastify', ['gatehousePlugin', 'requireUser', 'signedIn']],
    ['gatehouse-auth/hono', ['gatehouseRoutes', 'requireUser']],
  ])('%s exports %j', async (specifier, names) => {
    const mod = await import(/* @vite-ignore */ specifier);
    for (const name of names) expect(typeof mod[name], `${specifier} ${name}`).toBe('function');
  });

  it('the bin runs', () => {
    const bin = new URL(`../../${pkg.bin.gatehouse}`, import.meta.url);
    expect(execFileSync(process.execPath, [bin.pathname, '--help'], { encoding: 'utf8' })).toContain(
      'gatehouse <command>',
    );
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
