#!/usr/bin/env node
/** The `gatehouse` command: parses argv (only here) and dispatches to one command. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SettingsError } from '../core/config.js';
import { isGatehouseError } from '../core/errors.js';
import { runHousekeepingCommand } from './housekeeping.js';
import { rotateKeys } from './keys.js';
import { migrate } from './migrate.js';
import { serve } from './serve.js';
import { loadSettings } from './settings-sources.js';
import { importUsersFromFile } from './users-import.js';

const USAGE = `Usage: gatehouse <command> [options]

Commands:
  serve [--port N] [--host H] [--migrate]   Run the auth server
  migrate [--status]                        Apply (or list) database migrations
  keys rotate                               Start signing with a new key
  housekeeping                              Delete expired records now (the server does it hourly)
  users import FILE.jsonl [--firebase-project-id ID]
                                            Import users with existing password hashes (and,
                                            from Firebase, their identities)

Options (all commands):
  --config FILE     Settings file (default ./gatehouse.toml when present)
  --env-file FILE   Secrets env file (default ./.env when present)
  -h, --help        Show this help
  -v, --version     Show the version

Settings also come from GATEHOUSE_* environment variables; see docs/configuration.md.
`;

/** The installed package's version; package.json sits two levels up from src/cli and dist/cli alike. */
function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : 'unknown';
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      'env-file': { type: 'string' },
      migrate: { type: 'boolean', default: false },
      status: { type: 'boolean', default: false },
      'firebase-project-id': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const loaded = loadSettings({
    configPath: values.config,
    secretsPath: values['env-file'],
    flags: { 'server.port': values.port, 'server.host': values.host },
  });
  switch (command) {
    case 'serve':
      await serve(loaded, { migrate: values.migrate });
      return -1; // keeps running
    case 'migrate':
      await migrate(loaded.settings, { status: values.status });
      return 0;
    case 'keys':
      if (sub !== 'rotate') break;
      await rotateKeys(loaded.settings);
      return 0;
    case 'housekeeping':
      await runHousekeepingCommand(loaded.settings);
      return 0;
    case 'users':
      if (sub !== 'import' || !arg) break;
      return (
        await importUsersFromFile(loaded.settings, arg, {
          ...(values['firebase-project-id'] ? { firebaseProjectId: values['firebase-project-id'] } : {}),
        })
      ).skipped > 0
        ? 1
        : 0;
  }
  process.stderr.write(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof SettingsError) process.stderr.write(`${error.message}\n`);
    else if (isGatehouseError(error)) process.stderr.write(`gatehouse: ${error.message}\n`);
    else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
    } else process.stderr.write(`gatehouse: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
