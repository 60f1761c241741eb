/**
 * Asks a Pwned Passwords range API (k-anonymity) whether a password has appeared in a breach.
 * Only the first five hex digits of the password's SHA-1 leave the process; the remaining 35
 * are compared here against the suffixes the API returns for that prefix. Responses are padded
 * (`Add-Padding: true`), so their size does not hint at the prefix either.
 */

import { createHash } from 'node:crypto';
import { readCapped } from '../core/read-capped.js';
import type { PlainPassword } from '../core/secrets.js';

export interface BreachCheckOptions {
  /** The range endpoint; the five-digit prefix is appended as is, so it ends with `/`. */
  readonly url: string;
  /** Covers the whole exchange: connecting, the status line and reading the body. */
  readonly timeoutMs: number;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** Why the API gave no answer. None of them says anything about the password. */
export type BreachCheckFailure = 'timeout' | 'network' | 'status' | 'body';

export type BreachCheck =
  | { readonly ok: true; readonly breached: boolean }
  | { readonly ok: false; readonly reason: BreachCheckFailure };

/** A padded range is about 40 KB; anything far bigger is not the API answering. */
const MAX_BODY_BYTES = 1024 * 1024;
const ENTRY = /^([0-9A-F]{35}):(\d+)$/i;

/**
 * @example
 * const result = await checkBreachedPassword(password, { url: 'https://api.pwnedpasswords.com/range/', timeoutMs: 2000 });
 * if (result.ok && result.breached) refuse();
 */
export async function checkBreachedPassword(
  password: PlainPassword,
  options: BreachCheckOptions,
): Promise<BreachCheck> {
  const digest = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
  const prefix = digest.slice(0, 5);
  const suffix = digest.slice(5);
  const get = options.fetch ?? fetch;
  let text: string | null;
  try {
    const response = await get(`${options.url}${prefix}`, {
      headers: { 'Add-Padding': 'true', 'User-Agent': 'Gatehouse-PwnedPasswords/1', Accept: 'text/plain' },
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      return { ok: false, reason: 'status' };
    }
    const bytes = await readCapped(response.body, MAX_BODY_BYTES);
    text = bytes === null ? null : Buffer.from(bytes).toString('utf8');
  } catch (error) {
    return { ok: false, reason: isTimeout(error) ? 'timeout' : 'network' };
  }
  if (text === null) return { ok: false, reason: 'body' };
  const breached = findSuffix(text, suffix);
  return breached === undefined ? { ok: false, reason: 'body' } : { ok: true, breached };
}

/**
 * True when `suffix` is listed with a count above zero (padding entries count zero); undefined
 * when the body is not a range listing at all, so a captive portal or an error page never
 * reads as "not breached".
 */
function findSuffix(text: string, suffix: string): boolean | undefined {
  let entries = 0;
  let breached = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const match = ENTRY.exec(line);
    if (!match) return undefined;
    entries++;
    if (match[1]?.toUpperCase() === suffix && Number(match[2]) > 0) breached = true;
  }
  return entries > 0 ? breached : undefined;
}

// fetch rejects with the signal's reason, a DOMException named `TimeoutError`, also mid-body.
function isTimeout(error: unknown): boolean {
  const named = (e: unknown) =>
    typeof e === 'object' && e !== null && 'name' in e && e.name === 'TimeoutError';
  return named(error) || (error instanceof Error && named(error.cause));
}
