/**
 * Waiting on a condition instead of sleeping: tests poll what they need to see, with a deadline,
 * so they are as fast as the system allows and never race it under load.
 */

/**
 * Resolves once `check` returns true; polls every 20 ms and fails after `timeoutMs`, naming `what`.
 *
 * @example
 * await waitUntil(async () => (await rows()).every((r) => r.state === 'sent'), 'every row sent');
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
