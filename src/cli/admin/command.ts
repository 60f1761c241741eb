/**
 * The shape of one operator command (`users suspend`, `apps create`, …) and the options they
 * share: one table, so an option means the same thing in every command, and each command names
 * the ones it accepts (any other is a usage error, exit 2).
 */
import type { InstanceOptions } from './open-instance.js';

/** Every option of the operator commands, as `node:util` parseArgs reads them. */
export const OPTIONS = {
  config: { type: 'string' },
  'env-file': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  email: { type: 'string' },
  username: { type: 'string' },
  name: { type: 'string' },
  'display-name': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'send-link': { type: 'boolean' },
  verified: { type: 'boolean' },
  unverified: { type: 'boolean' },
  'has-mfa': { type: 'boolean' },
  'no-mfa': { type: 'boolean' },
  status: { type: 'string' },
  app: { type: 'string' },
  role: { type: 'string' },
  plan: { type: 'string' },
  query: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  all: { type: 'boolean' },
  'sign-up': { type: 'string' },
  'sign-in-method': { type: 'string', multiple: true },
  'redirect-url': { type: 'string', multiple: true },
  'cors-origin': { type: 'string', multiple: true },
  audience: { type: 'string' },
  'default-role': { type: 'string' },
  'default-plan': { type: 'string' },
  permission: { type: 'string', multiple: true },
  description: { type: 'string' },
  actor: { type: 'string' },
  target: { type: 'string' },
  user: { type: 'string' },
  type: { type: 'string' },
  outcome: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'firebase-project-id': { type: 'string' },
  'progress-every': { type: 'string' },
} as const;

export type OptionName = keyof typeof OPTIONS;

type OptionValue<K extends OptionName> = (typeof OPTIONS)[K] extends { multiple: true }
  ? string[]
  : (typeof OPTIONS)[K]['type'] extends 'boolean'
    ? boolean
    : string;

export type OptionValues = { [K in OptionName]?: OptionValue<K> };

/** Options every operator command accepts. */
export const COMMON_OPTIONS: readonly OptionName[] = ['config', 'env-file', 'json', 'help'];

export interface CommandInput {
  /** The positionals after the command's own words (`users suspend usr_1` → `['usr_1']`). */
  readonly args: readonly string[];
  readonly values: OptionValues;
  readonly json: boolean;
  readonly instance: InstanceOptions;
}

export interface Command {
  /** `users suspend USER [--json]`: how it is called, for help and usage errors. */
  readonly usage: string;
  readonly summary: string;
  /** The options it takes besides `COMMON_OPTIONS`. */
  readonly options: readonly OptionName[];
  /** How many positionals it takes: exactly this many, or `[min, max]`. */
  readonly args: number | readonly [number, number];
  /** Returns the exit code. */
  run(input: CommandInput): Promise<number>;
}
