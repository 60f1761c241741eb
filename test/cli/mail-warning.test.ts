/**
 * The console mailer in production (issue 8): a `gatehouse serve` with an https `baseUrl` and no
 * mail transport prints mailed links to stdout instead of sending them, so it says so loudly at
 * start. Not on a local http:// base URL (development), and not once a transport is configured.
 * The same for text-message codes and `sms.transport` (issue 9).
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { listening, spawnServe, stopServe } from './serve-process.js';

const WARNING = /MAIL IS NOT SENT/;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Everything `serve` printed up to its "gatehouse started" log line (the log is written
 * asynchronously, so that line may come after the one saying where it listens).
 */
async function startupOutput(env: Record<string, string>): Promise<string> {
  const cwd = tempDir('mail-warning');
  dirs.push(cwd);
  const serve = spawnServe({ cwd, env });
  try {
    await listening(serve);
    while (!serve.stdout().includes('"msg":"gatehouse started"')) {
      const ended = await Promise.race([
        serve.ended,
        new Promise<null>((r) => serve.child.stdout?.once('data', () => r(null))),
      ]);
      if (ended) throw new Error(`serve ended before logging its start:\n${serve.stdout()}`);
    }
    return serve.stdout() + serve.stderr();
  } finally {
    await stopServe(serve);
  }
}

describe('gatehouse serve: mail transport warning', () => {
  it('warns that links are printed to stdout when baseUrl is https and no transport is configured', async () => {
    const output = await startupOutput({ GATEHOUSE_BASE_URL: 'https://auth.example.com' });
    const line = output.split('\n').find((l) => WARNING.test(l));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!) as { level: number; msg: string };
    expect(entry.level).toBe(40); // pino's warn
    expect(entry.msg).toMatch(/printed to stdout/);
    expect(entry.msg).toMatch(/GATEHOUSE_SMTP_URL/);
  });

  it('says nothing of it for an http://localhost baseUrl', async () => {
    const output = await startupOutput({ GATEHOUSE_BASE_URL: 'http://localhost:3000' });
    expect(output).toMatch(/listening on/);
    expect(output).not.toMatch(WARNING);
  });

  it('says nothing of it when smtpUrl is set', async () => {
    const output = await startupOutput({
      GATEHOUSE_BASE_URL: 'https://auth.example.com',
      // Never connected to: nothing is mailed in this test.
      GATEHOUSE_SMTP_URL: 'smtp://127.0.0.1:9',
    });
    expect(output).toMatch(/listening on/);
    expect(output).not.toMatch(WARNING);
  });
});

const SMS_WARNING = /SMS IS NOT SENT/;

describe('gatehouse serve: SMS transport warning', () => {
  it('warns that codes are printed to stdout when baseUrl is https and no SMS transport is chosen', async () => {
    const output = await startupOutput({
      GATEHOUSE_BASE_URL: 'https://auth.example.com',
      GATEHOUSE_SMTP_URL: 'smtp://127.0.0.1:9',
    });
    const line = output.split('\n').find((l) => SMS_WARNING.test(l));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!) as { level: number; msg: string };
    expect(entry.level).toBe(40);
    expect(entry.msg).toMatch(/printed to stdout/);
    expect(entry.msg).toMatch(/GATEHOUSE_SMS_TRANSPORT/);
  });

  it('says nothing of it once a transport is chosen, console included, or on http://localhost', async () => {
    const cases: Record<string, string>[] = [
      { GATEHOUSE_BASE_URL: 'https://auth.example.com', GATEHOUSE_SMS_TRANSPORT: 'console' },
      { GATEHOUSE_BASE_URL: 'http://localhost:3000' },
    ];
    for (const env of cases) {
      const output = await startupOutput({ ...env, GATEHOUSE_SMTP_URL: 'smtp://127.0.0.1:9' });
      expect(output).toMatch(/listening on/);
      expect(output).not.toMatch(SMS_WARNING);
    }
  });
});
