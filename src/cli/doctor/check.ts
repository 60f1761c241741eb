/** One result of `gatehouse doctor`: what was checked, how it went, and how to fix it. */

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  /** A stable id for scripts (`database`, `signing-keys`, …). */
  readonly name: string;
  readonly status: CheckStatus;
  /** What was found; never a secret or a password. */
  readonly message: string;
  /** What to do about a warning or a failure. */
  readonly fix?: string;
}

export const pass = (name: string, message: string): CheckResult => ({ name, status: 'pass', message });

export const warn = (name: string, message: string, fix: string): CheckResult => ({
  name,
  status: 'warn',
  message,
  fix,
});

export const fail = (name: string, message: string, fix: string): CheckResult => ({
  name,
  status: 'fail',
  message,
  fix,
});

/** The first line of an error's message (and its cause's), for a check's message. */
export function reason(error: unknown): string {
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  const own = message(error);
  const cause = error instanceof Error && error.cause !== undefined ? message(error.cause) : '';
  return cause && !own.includes(cause) ? `${own}: ${cause}` : own;
}
