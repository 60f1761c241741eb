/**
 * Progress of a long command (an import, a purge, an export) on stderr, so stdout stays the
 * command's output: on a terminal a bar with the count, rate and ETA redrawn in place; otherwise
 * (a log, a pipe, CI) one plain line every few seconds, and a last line when the work ends.
 */

export interface ProgressOptions {
  /** What is being done, first on every line: `users import`. */
  readonly label: string;
  /** How many items there are, when known; without it there is no bar, percentage or ETA. */
  readonly total?: number | null;
  /** Seconds between lines when stderr is not a terminal. */
  readonly everySeconds?: number;
  readonly stream?: NodeJS.WriteStream;
  /** Milliseconds, for tests; `Date.now` by default. */
  readonly now?: () => number;
}

export interface Progress {
  /** `n` more items done. */
  advance(n?: number): void;
  /** Stops reporting; prints the last state with `note` (`done`, `interrupted`). */
  finish(note: string): void;
}

import { usageError } from './output.js';

const BAR_WIDTH = 24;
const REDRAW_MS = 200;

/** `m:ss`, or `h:mm:ss` past an hour. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  const [h, m, sec] = hms as [number, number, number];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

/** The parts every line shows: count (of total), percentage, rate, and ETA or elapsed time. */
export function progressParts(done: number, total: number | null, elapsedMs: number) {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const known = total !== null && total > 0;
  const fraction = known ? Math.min(1, done / total) : null;
  const eta = known && rate > 0 ? clockTime(Math.max(0, total - done) / rate) : null;
  return {
    count: known ? `${done}/${total}` : `${done}`,
    percent: fraction === null ? null : `${Math.floor(fraction * 100)}%`,
    fraction,
    rate: `${Math.round(rate)}/s`,
    eta,
    elapsed: clockTime(seconds),
  };
}

export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const total = options.total ?? null;
  const started = now();
  const tty = stream.isTTY === true;
  let done = 0;
  let finished = false;

  const plainLine = (note?: string) => {
    const p = progressParts(done, total, now() - started);
    const head = `${options.label}: ${p.count}${p.percent ? ` (${p.percent})` : ''}, ${p.rate}`;
    const tail = note ? `${note} in ${p.elapsed}` : p.eta ? `ETA ${p.eta}` : `${p.elapsed} elapsed`;
    return `${head}, ${tail}`;
  };
  const barLine = (note?: string) => {
    const p = progressParts(done, total, now() - started);
    const filled = p.fraction === null ? 0 : Math.round(p.fraction * BAR_WIDTH);
    const bar = p.fraction === null ? '' : ` [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
    const tail = note ? `${note} in ${p.elapsed}` : p.eta ? `ETA ${p.eta}` : `${p.elapsed} elapsed`;
    // A line longer than the terminal wraps, and `\r` then redraws only its last part; a
    // terminal that reports no size (0) gets a usual width.
    const width = stream.columns || 100;
    return `${options.label}${bar} ${p.count}${p.percent ? ` ${p.percent}` : ''}  ${p.rate}  ${tail}`.slice(
      0,
      Math.max(20, width - 1),
    );
  };
  // `\r` and erase-line redraw the bar in place.
  const draw = () => stream.write(tty ? `\r\x1b[K${barLine()}` : `${plainLine()}\n`);
  const timer = setInterval(draw, tty ? REDRAW_MS : (options.everySeconds ?? 5) * 1000);
  // Progress must never keep a finished command alive.
  timer.unref();
  if (tty) draw();

  return {
    advance(n = 1) {
      done += n;
    },
    finish(note) {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      stream.write(tty ? `\r\x1b[K${barLine(note)}\n` : `${plainLine(note)}\n`);
    },
  };
}

/** `--progress-every SECONDS`: how often a line is printed when stderr is not a terminal (default 5). */
export function everySeconds(raw: string | undefined): number {
  if (raw === undefined) return 5;
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || seconds < 0.1 || seconds > 3600) {
    throw usageError('--progress-every must be a number of seconds from 0.1 to 3600');
  }
  return seconds;
}
