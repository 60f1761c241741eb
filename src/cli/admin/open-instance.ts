/**
 * Opens the configured instance for one operator command and runs the command as the actor
 * `cli`, so the audit log says the command line did it. The database must be migrated
 * (`gatehouse migrate`), as for every command but `serve --migrate`.
 */
import type { LogFn, Logger } from '../../core/logger.js';
import { createGatehouse } from '../../create-gatehouse.js';
import type { Gatehouse } from '../../gatehouse.js';
import { loadSettings } from '../settings-sources.js';

export interface InstanceOptions {
  readonly configPath?: string | undefined;
  readonly secretsPath?: string | undefined;
}

/** The actor every command runs as. */
export const CLI_ACTOR = { id: 'cli', via: 'cli' } as const;

/** Warnings and errors as plain lines on stderr: stdout is the command's output (`--json`). */
function stderrLine(level: string): LogFn {
  return (first: Record<string, unknown> | string, msg?: string) => {
    const text = typeof first === 'string' ? first : (msg ?? '');
    // A failed start is the command's error too; it is reported once, by the command.
    if (text === 'Gatehouse could not start') return;
    const err = typeof first === 'object' && typeof first.err === 'string' ? ` (${first.err})` : '';
    process.stderr.write(`gatehouse: ${level}: ${text}${err}\n`);
  };
}

const noop: LogFn = () => {};
const commandLogger: Logger = {
  debug: noop,
  info: noop,
  warn: stderrLine('warning'),
  error: stderrLine('error'),
};

/**
 * Runs `work` against the instance and closes it, after the mail the work queued has been handed
 * to the mail server (a reset link must not die with the process).
 */
export async function withInstance<T>(
  options: InstanceOptions,
  work: (gatehouse: Gatehouse) => Promise<T>,
): Promise<T> {
  const { settings } = loadSettings({ configPath: options.configPath, secretsPath: options.secretsPath });
  const gatehouse = createGatehouse({ ...settings, logger: commandLogger, migrations: 'check' });
  try {
    const result = await gatehouse.asActor(CLI_ACTOR, () => work(gatehouse));
    await gatehouse.settled();
    return result;
  } finally {
    await gatehouse.close();
  }
}
