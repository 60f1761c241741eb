/**
 * Provides the system programs the tests start (PostgreSQL, redis-server, …) before `npm test`
 * runs them. On Debian as root it installs what is missing with apt-get; anywhere else it stops
 * with one line per missing program naming the package and why. Plain Node without
 * dependencies, so it also runs before `npm ci` (`.ci/run` passes `--build-tools` to add what
 * the native addons are compiled with).
 *
 * Seams for its own tests, which must never touch the system: `PROVISION_ROOT` is the
 * filesystem root for the file checks (default `/`), `PATH` is where commands are looked up,
 * and `PROVISION_DRY_RUN=1` prints the apt-get commands instead of running them.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when `name` is an executable in `<root>/<dir>` for one of `dirs`, or on PATH. */
const installedOrOnPath = (name, dirs) => (system) =>
  dirs.some((dir) => isExecutable(join(system.root, dir, name))) || onPath(name)(system);

/** True when `name` is an executable in one of the PATH directories. */
const onPath = (name) => (system) =>
  system.path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => isExecutable(join(dir, name)));

/** True when one `<root>/<dir>/<version>/bin` holds every one of `names` (the Debian layout). */
const versionedBinaries = (dir, names) => (system) => {
  const parent = join(system.root, dir);
  if (!existsSync(parent)) return false;
  return readdirSync(parent).some((version) =>
    names.every((name) => isExecutable(join(parent, version, 'bin', name))),
  );
};

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where Chromium is: `CHROMIUM_PATH` when set (and nothing else then), else Debian's
 * `/usr/bin/chromium`, else `chromium` on PATH; null when none is an executable. The browser
 * tests' launcher (test/support/browser.ts) looks the same way.
 */
export function findChromium(system) {
  const override = system.env.CHROMIUM_PATH;
  if (override) return isExecutable(override) ? override : null;
  const candidates = [
    join(system.root, 'usr/bin/chromium'),
    ...system.path
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'chromium')),
  ];
  return candidates.find(isExecutable) ?? null;
}

/** A PostgreSQL server reachable through DATABASE_URL replaces the throwaway cluster. */
const externalPostgres = (system) => /^postgres(ql)?:\/\//.test(system.env.DATABASE_URL ?? '');

/** A MySQL or MariaDB server reachable through MYSQL_URL replaces the throwaway MariaDB. */
const externalMysql = (system) => /^(mysql|mariadb):\/\//.test(system.env.MYSQL_URL ?? '');

/**
 * Where the throwaway MariaDB's programs are looked for (test/support/mariadb.ts looks in the
 * same places): Debian puts the server in /usr/sbin, which is not on a normal user's PATH.
 */
const MARIADB_DIRS = ['usr/sbin', 'usr/bin', 'usr/local/sbin', 'usr/local/bin'];

/**
 * What the tests need, one entry each: how to tell it is there, the Debian package, the
 * advice for other systems, and why.
 */
export const TEST_NEEDS = [
  {
    name: 'PostgreSQL (postgres and initdb under /usr/lib/postgresql/*/bin)',
    found: (s) => externalPostgres(s) || versionedBinaries('usr/lib/postgresql', ['postgres', 'initdb'])(s),
    apt: 'postgresql',
    elsewhere: 'or set DATABASE_URL to a PostgreSQL database the tests may fill',
    why: 'the store tests start a throwaway PostgreSQL cluster from those binaries',
  },
  {
    name: 'redis-server',
    found: onPath('redis-server'),
    apt: 'redis-server',
    elsewhere: 'macOS: brew install redis',
    why: 'the rate-limit and lockout tests start a throwaway Redis',
  },
  {
    name: 'Chromium (CHROMIUM_PATH, /usr/bin/chromium or chromium on PATH)',
    found: (s) => findChromium(s) !== null,
    apt: 'chromium',
    elsewhere: 'or set CHROMIUM_PATH to a Chromium or Chrome binary',
    why: 'the passkey tests drive a real browser with a virtual authenticator',
  },
  {
    name: 'MariaDB (mariadbd and mariadb-install-db)',
    found: (s) =>
      externalMysql(s) ||
      (installedOrOnPath('mariadbd', MARIADB_DIRS)(s) &&
        installedOrOnPath('mariadb-install-db', MARIADB_DIRS)(s)),
    apt: 'mariadb-server',
    elsewhere: 'macOS: brew install mariadb; or set MYSQL_URL to a MySQL/MariaDB database the tests may fill',
    why: 'the MySQL store tests start a throwaway MariaDB server from those programs',
  },
  {
    name: 'PgBouncer (pgbouncer)',
    found: installedOrOnPath('pgbouncer', ['usr/sbin', 'usr/bin', 'usr/local/sbin', 'usr/local/bin']),
    apt: 'pgbouncer',
    elsewhere: 'macOS: brew install pgbouncer',
    why: 'the fleet tests run Gatehouse through a throwaway PgBouncer in transaction mode',
  },
];

/** A compiler tool `npm ci` needs for the native addon (better-sqlite3); `.ci/run` asks for these. */
const buildTool = (name, elsewhere, why) => ({
  name,
  found: onPath(name),
  apt: name,
  elsewhere,
  why,
  rerun: 'npm ci',
});

export const BUILD_TOOLS = [
  buildTool('make', 'macOS: xcode-select --install', 'npm ci compiles better-sqlite3 with it'),
  buildTool('g++', 'macOS: xcode-select --install', 'npm ci compiles better-sqlite3 with it'),
  buildTool('python3', 'macOS: brew install python', 'node-gyp, which compiles better-sqlite3, runs on it'),
];

/**
 * Decides, without side effects, what to do on `system` ({ root, path, uid, env }):
 * `install` lists the Debian packages to install (only on Debian as root), `missing` the
 * requirements left to the user.
 */
export function plan(system, { buildTools = false } = {}) {
  const needs = buildTools ? [...BUILD_TOOLS, ...TEST_NEEDS] : TEST_NEEDS;
  const absent = needs.filter((need) => !need.found(system));
  const canInstall = system.uid === 0 && existsSync(join(system.root, 'etc/debian_version'));
  return canInstall ? { install: absent, missing: [] } : { install: [], missing: absent };
}

/** The one line that tells a user what is missing, why, and how to get it. */
export function missingLine(need) {
  return (
    `${need.name} is missing: ${need.why}. Install it (Debian/Ubuntu: apt-get install ${need.apt}; ` +
    `${need.elsewhere}) and run ${need.rerun ?? 'npm test'} again.`
  );
}

/** apt-get with its chatter kept back; the output is shown only when it fails. */
function aptGet(args) {
  try {
    execFileSync('apt-get', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

// A machine whose package lists were never downloaded (or are stale) cannot locate or fetch
// packages; only then is `apt-get update` worth its time.
const NEEDS_LISTS = /Unable to locate package|has no installation candidate|Failed to fetch|404\s+Not Found/;

function install(packages, dryRun) {
  const args = ['install', '-y', '-q', '--no-install-recommends', ...packages];
  console.log(`provision: installing ${packages.join(' ')} with apt-get`);
  if (dryRun) {
    console.log(`provision: would run apt-get ${args.join(' ')}`);
    return true;
  }
  let result = aptGet(args);
  if (!result.ok && NEEDS_LISTS.test(result.output)) {
    const update = aptGet(['update', '-q']);
    result = update.ok ? aptGet(args) : update;
  }
  if (!result.ok) process.stderr.write(`${result.output.trim().split('\n').slice(-15).join('\n')}\n`);
  return result.ok;
}

function main(argv) {
  const system = {
    root: process.env.PROVISION_ROOT || '/',
    path: process.env.PATH ?? '',
    uid: process.getuid?.() ?? -1,
    env: process.env,
  };
  const options = { buildTools: argv.includes('--build-tools') };
  const dryRun = process.env.PROVISION_DRY_RUN === '1';
  const { install: toInstall, missing } = plan(system, options);
  for (const need of missing) console.error(missingLine(need));
  if (missing.length > 0) return 1;
  if (toInstall.length === 0) return 0;
  if (!install([...new Set(toInstall.map((need) => need.apt))], dryRun)) {
    console.error(
      'provision: apt-get failed (output above); install the packages by hand and run npm test again.',
    );
    return 1;
  }
  if (dryRun) return 0;
  const stillAbsent = plan(system, options).install;
  for (const need of stillAbsent)
    console.error(`provision: installed ${need.apt}, but ${need.name} is still not found.`);
  return stillAbsent.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
