/**
 * A supervisor may stop `gatehouse serve` the moment it says where it listens: the signal
 * handlers must already be in place then. Before the fix they were set just after that line, and
 * a SIGTERM sent on reading it sometimes killed the process by the default action (exit by
 * signal, shutdown skipped) — so this starts and stops it several times, each as fast as it can.
 */
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { spawnServe } from './serve-process.js';

describe('gatehouse serve stopped on its listening line', () => {
  it('exits 0 after a SIGTERM sent the instant it says it listens, every time', async () => {
    const outcomes: Array<{ code: number | null; signal: string | null }> = [];
    for (let run = 0; run < 8; run++) {
      const serve = spawnServe({ cwd: tempDir() });
      let sent = false;
      serve.child.stdout?.on('data', () => {
        if (!sent && /listening on/.test(serve.stdout())) {
          sent = true;
          serve.child.kill('SIGTERM');
        }
      });
      outcomes.push(await serve.ended);
    }
    expect(outcomes).toEqual(Array.from({ length: 8 }, () => ({ code: 0, signal: null })));
  }, 120_000);
});
