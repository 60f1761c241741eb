/**
 * scripts/provision.mjs, which `npm test` and `.ci/run` run first: what it finds missing and what
 * it does about it, on a fake filesystem root and a PATH of stub programs. It never reaches the
 * real apt-get: the only apt-get on the PATH it is given is a stub that records its calls.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findChromium, missingLine, type ProvisionSystem, plan } from '../../scripts/provision.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const script = join(repo, 'scripts/provision.mjs');
const isRoot = process.getuid?.() === 0;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fake machine: an empty filesystem root and an empty PATH directory. */
function fakeMachine() {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-provision-'));
  temps.push(dir);
  const root = join(dir, 'root');
  const bin = join(dir, 'bin');
  mkdirSync(root);
  mkdirSync(bin);
  const file = (path: string, text = '', mode = 0o755) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    chmodSync(path, mode);
  };
  return {
    dir,
    root,
    bin,
    debian: () => file(join(root, 'etc/debian_version'), '12.0\n', 0o644),
    program: (name: string) => file(join(bin, name), '#!/bin/sh\n'),
    postgres: (version: string, names = ['postgres', 'initdb']) => {
      for (const name of names) file(join(root, 'usr/lib/postgresql', version, 'bin', name), '#!/bin/sh\n');
    },
    mariadb: (names = ['mariadbd', 'mariadb-install-db'], dir = 'usr/sbin') => {
      for (const name of names) file(join(root, dir, name), '#!/bin/sh\n');
    },
    file,
    system: (uid: number, env: Record<string, string> = {}): ProvisionSystem => ({
      root,
      path: bin,
      uid,
      env,
    }),
  };
}

const names = (needs: { apt: string }[]) => needs.map((need) => need.apt);

describe('provision plan', () => {
  it('on Debian as root installs exactly what is missing', () => {
    const machine = fakeMachine();
    machine.debian();
    expect(names(plan(machine.system(0)).install)).toEqual([
      'postgresql',
      'redis-server',
      'chromium',
      'mariadb-server',
      'pgbouncer',
    ]);
    machine.program('redis-server');
    machine.program('pgbouncer');
    machine.program('chromium');
    machine.mariadb();
    expect(plan(machine.system(0))).toEqual({
      install: [expect.objectContaining({ apt: 'postgresql' })],
      missing: [],
    });
    machine.postgres('15');
    expect(plan(machine.system(0))).toEqual({ install: [], missing: [] });
  });

  it('as another user on Debian, or as root elsewhere, installs nothing and names what is missing', () => {
    const machine = fakeMachine();
    expect(plan(machine.system(0))).toMatchObject({ install: [] });
    const all = ['postgresql', 'redis-server', 'chromium', 'mariadb-server', 'pgbouncer'];
    expect(names(plan(machine.system(0)).missing)).toEqual(all);
    machine.debian();
    expect(plan(machine.system(1000))).toMatchObject({ install: [] });
    expect(names(plan(machine.system(1000)).missing)).toEqual(all);
  });

  it('counts PostgreSQL only when one version has both postgres and initdb, executable', () => {
    const machine = fakeMachine();
    machine.program('redis-server');
    machine.program('pgbouncer');
    machine.program('chromium');
    machine.mariadb();
    machine.postgres('15', ['postgres']);
    machine.postgres('16', ['initdb']);
    machine.file(join(machine.root, 'usr/lib/postgresql/17/bin/postgres'), '', 0o644);
    machine.file(join(machine.root, 'usr/lib/postgresql/17/bin/initdb'), '', 0o644);
    expect(names(plan(machine.system(1000)).missing)).toEqual(['postgresql']);
    machine.postgres('15', ['initdb']);
    expect(plan(machine.system(1000)).missing).toEqual([]);
  });

  it('needs no PostgreSQL binaries when DATABASE_URL names a PostgreSQL server', () => {
    const machine = fakeMachine();
    machine.program('redis-server');
    machine.program('pgbouncer');
    machine.program('chromium');
    machine.mariadb();
    expect(names(plan(machine.system(1000, { DATABASE_URL: 'sqlite:./x.db' })).missing)).toEqual([
      'postgresql',
    ]);
    expect(plan(machine.system(1000, { DATABASE_URL: 'postgres://u@db/test' })).missing).toEqual([]);
  });

  it('counts MariaDB when mariadbd and mariadb-install-db are both executables, in /usr/sbin, /usr/bin or on PATH', () => {
    const machine = fakeMachine();
    machine.program('redis-server');
    machine.program('pgbouncer');
    machine.program('chromium');
    machine.postgres('15');
    const missing = (env: Record<string, string> = {}) => names(plan(machine.system(1000, env)).missing);
    expect(missing()).toEqual(['mariadb-server']);
    machine.mariadb(['mariadbd']);
    expect(missing()).toEqual(['mariadb-server']);
    machine.file(join(machine.root, 'usr/bin/mariadb-install-db'), '', 0o644);
    expect(missing()).toEqual(['mariadb-server']);
    machine.program('mariadb-install-db');
    expect(missing()).toEqual([]);
  });

  it('needs no MariaDB programs when MYSQL_URL names a MySQL or MariaDB server', () => {
    const machine = fakeMachine();
    machine.program('redis-server');
    machine.program('pgbouncer');
    machine.program('chromium');
    machine.postgres('15');
    const missing = (env: Record<string, string>) => names(plan(machine.system(1000, env)).missing);
    expect(missing({ MYSQL_URL: 'postgres://u@db/test' })).toEqual(['mariadb-server']);
    expect(missing({ MYSQL_URL: 'mysql://u@db/test' })).toEqual([]);
    expect(missing({ MYSQL_URL: 'mariadb://u@db/test' })).toEqual([]);
  });

  it('adds make, g++ and python3 only with --build-tools', () => {
    const machine = fakeMachine();
    machine.program('redis-server');
    machine.program('pgbouncer');
    machine.program('chromium');
    machine.mariadb();
    machine.postgres('15');
    expect(plan(machine.system(1000)).missing).toEqual([]);
    expect(names(plan(machine.system(1000), { buildTools: true }).missing)).toEqual([
      'make',
      'g++',
      'python3',
    ]);
    machine.program('make');
    machine.program('g++');
    machine.program('python3');
    expect(plan(machine.system(1000), { buildTools: true }).missing).toEqual([]);
  });

  it('finds Chromium at CHROMIUM_PATH alone when set, else /usr/bin/chromium, else chromium on PATH', () => {
    const machine = fakeMachine();
    const chromium = (env: Record<string, string> = {}) => findChromium(machine.system(1000, env));
    const missing = (env: Record<string, string> = {}) => names(plan(machine.system(1000, env)).missing);
    machine.program('redis-server');
    machine.program('pgbouncer');
    machine.mariadb();
    machine.postgres('15');
    expect(chromium()).toBeNull();
    expect(missing()).toEqual(['chromium']);
    machine.file(join(machine.root, 'usr/bin/chromium'), '', 0o644);
    expect(chromium()).toBeNull();
    machine.program('chromium');
    expect(chromium()).toBe(join(machine.bin, 'chromium'));
    machine.file(join(machine.root, 'usr/bin/chromium'), '#!/bin/sh\n');
    expect(chromium()).toBe(join(machine.root, 'usr/bin/chromium'));
    expect(missing()).toEqual([]);
    // An override that is not there counts as missing, whatever else is installed.
    const custom = join(machine.dir, 'chrome');
    expect(chromium({ CHROMIUM_PATH: custom })).toBeNull();
    expect(missing({ CHROMIUM_PATH: custom })).toEqual(['chromium']);
    machine.file(custom, '#!/bin/sh\n');
    expect(chromium({ CHROMIUM_PATH: custom })).toBe(custom);
  });

  it('tells the user what is missing, why, and which package to install', () => {
    const machine = fakeMachine();
    const [postgres, redis, chromium, mariadb] = plan(machine.system(1000)).missing;
    expect(missingLine(redis!)).toBe(
      'redis-server is missing: the rate-limit and lockout tests start a throwaway Redis. Install it ' +
        '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) and run npm test again.',
    );
    expect(missingLine(postgres!)).toContain('apt-get install postgresql');
    expect(missingLine(postgres!)).toContain('DATABASE_URL');
    expect(missingLine(chromium!)).toBe(
      'Chromium (CHROMIUM_PATH, /usr/bin/chromium or chromium on PATH) is missing: the passkey tests ' +
        'drive a real browser with a virtual authenticator. Install it (Debian/Ubuntu: apt-get install ' +
        'chromium; or set CHROMIUM_PATH to a Chromium or Chrome binary) and run npm test again.',
    );
    expect(missingLine(mariadb!)).toContain('apt-get install mariadb-server');
    expect(missingLine(mariadb!)).toContain('MYSQL_URL');
  });
});

/** A stub apt-get that logs each call and, on `install`, puts the programs in place. */
function stubAptGet(machine: ReturnType<typeof fakeMachine>, { listsMissing }: { listsMissing: boolean }) {
  const log = join(machine.dir, 'apt-get.log');
  const lists = join(machine.dir, 'lists');
  if (!listsMissing) writeFileSync(lists, '');
  machine.file(
    join(machine.bin, 'apt-get'),
    `#!/bin/sh
echo "$DEBIAN_FRONTEND $*" >> '${log}'
if [ "$1" = update ]; then : > '${lists}'; exit 0; fi
if [ ! -e '${lists}' ]; then echo "E: Unable to locate package redis-server" >&2; exit 100; fi
for name in redis-server chromium mariadbd mariadb-install-db pgbouncer; do printf '#!/bin/sh\\n' > '${machine.bin}'/$name; /bin/chmod +x '${machine.bin}'/$name; done
/bin/mkdir -p '${machine.root}/usr/lib/postgresql/15/bin'
for name in postgres initdb; do printf '#!/bin/sh\\n' > '${machine.root}/usr/lib/postgresql/15/bin/'$name; done
/bin/chmod +x '${machine.root}/usr/lib/postgresql/15/bin/'*
`,
  );
  return () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
}

function runScript(
  machine: ReturnType<typeof fakeMachine>,
  env: Record<string, string> = {},
  args: string[] = [],
) {
  const result = spawnSync(process.execPath, [script, ...args], {
    env: { PATH: machine.bin, PROVISION_ROOT: machine.root, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

const INSTALL =
  'noninteractive install -y -q --no-install-recommends postgresql redis-server chromium mariadb-server pgbouncer';

describe('provision script', () => {
  it('outside Debian exits 1 with one line per missing program and runs no apt-get', () => {
    const machine = fakeMachine();
    const calls = stubAptGet(machine, { listsMissing: false });
    const result = runScript(machine);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^PostgreSQL .* is missing: .*apt-get install postgresql;/);
    expect(lines[1]).toMatch(/^redis-server is missing: .*apt-get install redis-server;/);
    expect(lines[2]).toMatch(/^Chromium .* is missing: .*apt-get install chromium;/);
    expect(lines[3]).toMatch(/^MariaDB .* is missing: .*apt-get install mariadb-server;/);
    expect(lines[4]).toMatch(/^PgBouncer .* is missing: .*apt-get install pgbouncer;/);
    expect(calls()).toEqual([]);
  });

  it('says nothing and exits 0 when everything is there', () => {
    const machine = fakeMachine();
    machine.program('redis-server');
    machine.program('pgbouncer');
    machine.program('chromium');
    machine.mariadb();
    machine.postgres('15');
    expect(runScript(machine)).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it.runIf(isRoot)('as root on Debian installs what is missing with one line of output', () => {
    const machine = fakeMachine();
    machine.debian();
    const calls = stubAptGet(machine, { listsMissing: false });
    expect(runScript(machine)).toEqual({
      status: 0,
      stdout: 'provision: installing postgresql redis-server chromium mariadb-server pgbouncer with apt-get',
      stderr: '',
    });
    expect(calls()).toEqual([INSTALL]);
    expect(runScript(machine)).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it.runIf(isRoot)('runs apt-get update only when the install fails for lack of package lists', () => {
    const machine = fakeMachine();
    machine.debian();
    const calls = stubAptGet(machine, { listsMissing: true });
    expect(runScript(machine).status).toBe(0);
    expect(calls()).toEqual([INSTALL, 'noninteractive update -q', INSTALL]);
  });

  it.runIf(isRoot)('with --build-tools also installs make, g++ and python3', () => {
    const machine = fakeMachine();
    machine.debian();
    machine.program('redis-server');
    machine.program('pgbouncer');
    machine.program('chromium');
    machine.mariadb();
    machine.postgres('15');
    const calls = stubAptGet(machine, { listsMissing: false });
    // The stub does not provide the tools, so the script must notice they are still missing.
    const result = runScript(machine, {}, ['--build-tools']);
    expect(calls()).toEqual(['noninteractive install -y -q --no-install-recommends make g++ python3']);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      'provision: installed make, but make is still not found.',
      'provision: installed g++, but g++ is still not found.',
      'provision: installed python3, but python3 is still not found.',
    ]);
  });

  it.runIf(isRoot)('PROVISION_DRY_RUN=1 prints the apt-get command instead of running it', () => {
    const machine = fakeMachine();
    machine.debian();
    const calls = stubAptGet(machine, { listsMissing: false });
    const result = runScript(machine, { PROVISION_DRY_RUN: '1' });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'provision: installing postgresql redis-server chromium mariadb-server pgbouncer with apt-get',
      'provision: would run apt-get install -y -q --no-install-recommends postgresql redis-server chromium mariadb-server pgbouncer',
    ]);
    expect(calls()).toEqual([]);
  });
});

describe('who runs it', () => {
  it('npm test provisions before it builds and runs the tests', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(pkg.scripts.test).toMatch(/^node scripts\/provision\.mjs && .*vitest run$/);
  });

  it('.ci/run provisions with the build tools, then runs npm ci, then exactly npm test', () => {
    const commands = readFileSync(join(repo, '.ci/run'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(
        (line) => line && !line.startsWith('#') && !line.startsWith('export ') && !line.startsWith('set '),
      );
    expect(commands.slice(-3)).toEqual(['node scripts/provision.mjs --build-tools', 'npm ci', 'npm test']);
  });
});
