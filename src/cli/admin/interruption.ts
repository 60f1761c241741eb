/**
 * Ctrl-C (SIGINT) or SIGTERM during a long command: the first asks it to stop after the batch in
 * hand — so what was done is whole and a re-run carries on — and to print its summary; a second
 * stops the process at once. The exit code is the shell's convention, 128 + the signal number.
 */

export interface Interruption {
  /** Set once a signal has arrived. */
  readonly requested: boolean;
  /** 130 after SIGINT, 143 after SIGTERM. */
  readonly exitCode: number;
  /** Stops listening (the default handling comes back). */
  dispose(): void;
}

const CODES: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export function watchInterruption(what = 'the current batch'): Interruption {
  let signal: keyof typeof CODES | null = null;
  const handlers = (Object.keys(CODES) as Array<keyof typeof CODES>).map((name) => {
    const handler = () => {
      if (signal !== null) process.exit(CODES[name]);
      signal = name;
      process.stderr.write(`\nStopping after ${what} (${name} again stops at once)…\n`);
    };
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  return {
    get requested() {
      return signal !== null;
    },
    get exitCode() {
      return signal === null ? 0 : CODES[signal];
    },
    dispose() {
      for (const off of handlers) off();
    },
  };
}
