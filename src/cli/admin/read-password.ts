/**
 * `--password-stdin`: the password comes from standard input — piped (`printf %s "$PW" |`, one
 * trailing newline dropped, nothing else touched) or typed at a terminal without echo — and
 * never from the command line, where other users of the machine could read it in `ps`.
 */

import { createPrompter } from '../prompt.js';
import { CliError } from './output.js';

/** Far above the longest password the policy allows (256 code points of up to 4 bytes). */
const MAX_BYTES = 2048;

export async function readPasswordFromStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (stdin.isTTY) {
    const prompter = createPrompter(stdin, process.stderr);
    try {
      return await prompter.ask('Password', { secret: true });
    } finally {
      prompter.close();
    }
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BYTES) throw new CliError('The password on stdin is too long');
    chunks.push(buffer);
  }
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw new CliError('--password-stdin: no password on stdin');
  return password;
}
