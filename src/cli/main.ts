#!/usr/bin/env node
/** The `gatehouse` command: parses argv (only here) and dispatches to one command. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SettingsError } from '../core/config.js';
import { isGatehouseError } from '../core/errors.js';
import { operatorCommand, runOperatorCommand } from './admin/dispatch.js';
import { doctor } from './doctor.js';
import { runHousekeepingCommand } from './housekeeping.js';
import { init } from './init.js';
import { rotateKeys } from './keys.js';
import { migrate } from './migrate.js';
import { serve } from './serve.js';
import { loadSettings } from './settings-sources.js';

const USAGE = `Usage: gatehouse <command> [options]

Commands:
  init [--yes] [--force] [--dir DIR] [--database-url URL] [--base-url URL] [--port N]
       [--smtp-url URL] [--mail-from ADDRESS]
                                            Write gatehouse.toml and the secrets file (.env)
  doctor [--json] [--send-test-mail ADDRESS]
                                            Check the installation; exit 1 on any failure
  serve [--port N] [--host H] [--migrate]   Run the auth server
  migrate [--status]                        Apply (or list) database migrations
  keys rotate                               Start signing with a new key
  housekeeping                              Delete expired records now (the server does it hourly)
  create-admin --email ADDRESS [--password-stdin | --send-link]
                                            Make an operator (an admin of the console); idempotent
  users list|show|create|suspend|reactivate|revoke|delete|restore|purge|reset-link|end-sessions|reset-mfa
                                            Find and act on users (gatehouse users --help)
  users import FILE.jsonl [--firebase-project-id ID]
                                            Import users with existing password hashes (and,
                                            from Firebase, their identities); safe to re-run
  apps list|show|create|update|disable|enable
                                            Apps (gatehouse apps --help)
  roles list|create|delete --app APP        An app's roles (gatehouse roles --help)
  audit list|export [filters]               Query or export the audit log (gatehouse audit --help)

Options (all commands):
  --config FILE     Settings file (default ./gatehouse.toml when present)
  --env-file FILE   Secrets env file (default ./.env when present)
  --json            Operator commands: JSON for scripts instead of tables
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
  // The operator commands (create-admin, users, apps, roles, audit) read their own options.
  if (operatorCommand(argv)) return runOperatorCommand(argv);
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
      yes: { type: 'boolean', short: 'y', default: false },
      force: { type: 'boolean', default: false },
      dir: { type: 'string' },
      'database-url': { type: 'string' },
      'base-url': { type: 'string' },
      'smtp-url': { type: 'string' },
      'mail-from': { type: 'string' },
      'send-test-mail': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  const [command, sub] = positionals;
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  // Both run before the settings load: init writes them, doctor reports what is wrong with them.
  switch (command) {
    case 'init':
      await init({
        ...(values.dir ? { dir: values.dir } : {}),
        yes: values.yes,
        force: values.force,
        databaseUrl: values['database-url'],
        baseUrl: values['base-url'],
        port: values.port,
        smtpUrl: values['smtp-url'],
        mailFrom: values['mail-from'],
      });
      return 0;
    case 'doctor':
      return doctor({
        configPath: values.config,
        secretsPath: values['env-file'],
        json: values.json,
        sendTestMail: values['send-test-mail'],
      });
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
