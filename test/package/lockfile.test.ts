/**
 * package-lock.json agrees with package.json, so `npm install` leaves it as it is (it rewrote it
 * while the optional `ioredis` peer was missing from the lock), and every locked package, dev ones
 * included, runs on the oldest Node our `engines` admits: one that needs a newer Node makes
 * `npm ci` warn EBADENGINE there (cookie@2 under light-my-request needed Node 22; package.json
 * overrides it).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver (a devDependency, also locked through fastify and better-sqlite3) ships no types of its
// own; these are the two calls this file makes.
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  [field: string]: unknown;
}

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
const pkg = read('package.json');
const lock: { packages: Record<string, LockedPackage> } = read('package-lock.json');

describe('the lock', () => {
  it.each([
    'name',
    'version',
    'license',
    'bin',
    'engines',
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'peerDependenciesMeta',
  ])('records the %s that package.json declares', (field) => {
    expect(lock.packages['']?.[field]).toEqual(pkg[field]);
  });
});

describe('engines', () => {
  const lowest = semver.minVersion(pkg.engines.node)?.version;

  it('reads the lowest Node from engines', () => {
    expect(lowest).toBe('20.19.0');
  });

  it('every locked package admits the lowest Node that engines allows', () => {
    const refused = Object.entries(lock.packages)
      .filter(([path, entry]) => {
        // Old packages may still carry the long-ignored array form of engines; npm checks neither.
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return path !== '' && range !== undefined && !semver.satisfies(lowest ?? '', range);
      })
      .map(
        ([path, entry]) => `${path}@${entry.version} needs node ${(entry.engines as { node: string }).node}`,
      );
    expect(refused).toEqual([]);
  });
});
