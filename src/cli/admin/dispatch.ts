/**
 * The operator commands — `create-admin`, `users …`, `apps …`, `roles …`, `audit …` — read
 * their own command line (their options are theirs, not `serve`'s), find the command, check its
 * options and arguments, and run it; a wrong command line is exit 2 with the group's usage.
 */
import { parseArgs } from 'node:util';
import { SettingsError } from '../../core/config.js';
import { APPS_COMMANDS } from './apps.js';
import { AUDIT_COMMANDS } from './audit.js';
import { COMMON_OPTIONS, type Command, OPTIONS, type OptionValues } from './command.js';
import { CREATE_ADMIN_COMMAND } from './create-admin.js';
import { CliError, reportError, usageError } from './output.js';
import { ROLES_COMMANDS } from './roles.js';
import { USERS_COMMANDS } from './users.js';

/** Each top-level word and its commands; `create-admin` has no second word. */
const GROUPS: Record<string, Record<string, Command>> = {
  'create-admin': { '': CREATE_ADMIN_COMMAND },
  users: USERS_COMMANDS,
  apps: APPS_COMMANDS,
  roles: ROLES_COMMANDS,
  audit: AUDIT_COMMANDS,
};

/** Global options that take a value, so their value is not mistaken for the command word. */
const VALUED = new Set(['--config', '--env-file']);

/** The top-level word of `argv` when it is one of the operator commands. */
export function operatorCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (VALUED.has(word)) i++;
    else if (!word.startsWith('-')) return word in GROUPS ? word : undefined;
  }
  return undefined;
}

/** The usage lines of a group, for `gatehouse users --help` and usage errors. */
export function groupUsage(group: string): string {
  const commands = Object.values(GROUPS[group] ?? {});
  const lines = commands.map((c) => `  gatehouse ${c.usage}\n      ${c.summary}`);
  return `Usage:\n${lines.join('\n')}\n\nOptions: --json (for scripts), --config FILE, --env-file FILE\n`;
}

function checkCommandLine(
  name: string,
  command: Command,
  args: readonly string[],
  values: OptionValues,
): void {
  const allowed = new Set([...COMMON_OPTIONS, ...command.options]);
  const extra = Object.keys(values).filter((option) => !allowed.has(option as keyof typeof OPTIONS));
  if (extra.length > 0) throw usageError(`${name} does not take --${extra[0]}`);
  const [min, max] = typeof command.args === 'number' ? [command.args, command.args] : command.args;
  if (args.length < min || args.length > max) throw usageError(`Usage: gatehouse ${command.usage}`);
}

/** Runs an operator command; resolves with the exit code. */
export async function runOperatorCommand(argv: string[]): Promise<number> {
  let json = false;
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    json = values.json === true;
    const [group = '', ...rest] = positionals;
    const commands = GROUPS[group]!;
    const sub = '' in commands ? '' : (rest[0] ?? '');
    const args = sub === '' ? rest : rest.slice(1);
    const command = commands[sub];
    if (values.help) {
      process.stdout.write(groupUsage(group));
      return 0;
    }
    if (!command) {
      process.stderr.write(
        `${sub ? `Unknown command: gatehouse ${group} ${sub}` : `gatehouse ${group} needs a command`}\n\n${groupUsage(group)}`,
      );
      return 2;
    }
    checkCommandLine(sub ? `${group} ${sub}` : group, command, args, values);
    return await command.run({
      args,
      values,
      json,
      instance: { configPath: values.config, secretsPath: values['env-file'] },
    });
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      return reportError(usageError(error.message), json);
    }
    if (error instanceof CliError && error.exitCode === 2) {
      process.stderr.write(`gatehouse: ${error.message}\n`);
      return 2;
    }
    return reportError(error, json);
  }
}
