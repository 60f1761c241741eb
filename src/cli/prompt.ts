/**
 * Questions on the command line, for `gatehouse init`: one line per answer, read from a terminal
 * (with line editing, re-asking after a bad answer, hidden typing for passwords) or from piped
 * standard input (answers one per line; a bad answer stops, and the end of input takes the
 * defaults, so a script can answer only the first few questions).
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export interface Question {
  /** Taken on an empty answer, and shown in brackets. */
  readonly default?: string;
  /** Typing is not echoed (on a terminal; piped input is never echoed). */
  readonly secret?: boolean;
  /** A reason the answer is not acceptable, or undefined when it is. */
  readonly check?: (answer: string) => string | undefined;
}

export interface Prompter {
  /** The trimmed answer (or the default), once it passes `check`. */
  ask(text: string, question?: Question): Promise<string>;
  close(): void;
}

/** An answer a script gave that cannot be used, or input that ended too early. */
export class PromptError extends Error {
  override readonly name = 'PromptError';
}

/**
 * @example
 * const prompt = createPrompter();
 * const port = await prompt.ask('Port', { default: '3000', check: (a) => (/^\d+$/.test(a) ? undefined : 'a number') });
 */
export function createPrompter(
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Prompter {
  const terminal = input.isTTY === true;
  let muted = false;
  // Readline echoes every key it reads to its output; a muted stream keeps a password off screen.
  const screen = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output: screen, terminal });
  // The iterator buffers lines that arrive before they are asked for (piped input comes at once).
  const lines = rl[Symbol.asyncIterator]();
  let interrupted: (() => void) | undefined;
  rl.on('SIGINT', () => interrupted?.());

  async function readLine(): Promise<string | undefined> {
    const next = new Promise<IteratorResult<string>>((resolve, reject) => {
      interrupted = () => reject(new PromptError('Interrupted; nothing was written.'));
      lines.next().then(resolve, reject);
    });
    try {
      const result = await next;
      return result.done ? undefined : result.value;
    } finally {
      interrupted = undefined;
    }
  }

  return {
    async ask(text, question = {}) {
      const shown = question.default && !question.secret ? ` [${question.default}]` : '';
      for (;;) {
        rl.setPrompt(`${text}${shown}: `);
        rl.prompt();
        muted = question.secret === true && terminal;
        let line: string | undefined;
        try {
          line = await readLine();
        } finally {
          if (muted) output.write('\n');
          muted = false;
        }
        if (!terminal) output.write('\n');
        if (line === undefined && question.default === undefined) {
          throw new PromptError(`Input ended before "${text}" was answered.`);
        }
        const answer = line?.trim() || question.default || '';
        const problem = question.check?.(answer);
        if (problem === undefined) return answer;
        // A script that gave a bad answer would answer the re-asked question with its next line.
        if (!terminal || line === undefined) throw new PromptError(`${text}: ${problem}`);
        output.write(`  ${problem}\n`);
      }
    },
    close() {
      rl.close();
    },
  };
}
