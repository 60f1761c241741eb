/** The `gatehouse users …` commands, in the order `gatehouse users --help` lists them. */
import { usersImportCommand } from '../users-import.js';
import type { Command } from './command.js';
import { userActionCommands } from './users-actions.js';
import { usersCreateCommand } from './users-create.js';
import { usersListCommand } from './users-list.js';
import { usersPurgeCommand } from './users-purge.js';
import { usersShowCommand } from './users-show.js';

export const USERS_COMMANDS: Record<string, Command> = {
  list: usersListCommand,
  show: usersShowCommand,
  create: usersCreateCommand,
  ...userActionCommands,
  purge: usersPurgeCommand,
  import: usersImportCommand,
};
