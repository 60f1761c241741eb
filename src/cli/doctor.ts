/**
 * `gatehouse doctor`: checks an installation the way the server will meet it and prints one line
 * per check — pass, warn or fail, and for every warning and failure how to fix it — or, with
 * `--json`, one document `{ok, checks: [{name, status, message, fix?}]}`. It writes nothing (a
 * SQLite file that does not exist is not created) and never prints a secret or a password.
 * Exit code 1 when any check failed; warnings alone leave it 0.
 */

import type { ResolvedSettings } from '../core/config.js';
import { checkBaseUrl } from './doctor/base-url.js';
import type { CheckResult } from './doctor/check.js';
import { checkClock } from './doctor/clock.js';
import { checkDatabase, sqliteFile } from './doctor/database.js';
import { checkDatabaseFile, checkSecretFile } from './doctor/files.js';
import { checkMailInProduction, checkMailTransport, sendTestMail } from './doctor/mail.js';
import { checkRedis } from './doctor/redis.js';
import { checkSecret } from './doctor/secret.js';
import { readSettings } from './doctor/settings.js';

export interface DoctorOptions {
  readonly configPath?: string;
  readonly secretsPath?: string;
  readonly json: boolean;
  /** Really send one mail there through the configured transport. */
  readonly sendTestMail?: string;
}

export interface DoctorReport {
  readonly ok: boolean;
  readonly checks: CheckResult[];
}

export async function doctor(options: DoctorOptions): Promise<number> {
  const report = await examine(options);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : humanReport(report));
  return report.ok ? 0 : 1;
}

export async function examine(options: DoctorOptions): Promise<DoctorReport> {
  const read = readSettings({
    ...(options.configPath ? { configPath: options.configPath } : {}),
    ...(options.secretsPath ? { secretsPath: options.secretsPath } : {}),
  });
  const checks: CheckResult[] = [read.check];
  const settings = read.loaded?.settings;
  if (settings) {
    const secret = checkSecret(
      read.secretProblems.length > 0 ? { ...settings, secret: undefined } : settings,
      read.secretProblems,
    );
    checks.push(secret.check);
    const database = await checkDatabase(settings, secret);
    checks.push(...database.checks);
    const serverUrl =
      database.reachable && !settings.databaseUrl.startsWith('sqlite:') ? settings.databaseUrl : undefined;
    checks.push(
      await checkClock({
        ...(database.latestRecord !== undefined ? { latestRecord: database.latestRecord } : {}),
        ...(serverUrl ? { databaseUrl: serverUrl } : {}),
      }),
    );
    checks.push(checkBaseUrl(settings));
    checks.push(await checkMailTransport(settings));
    if (options.sendTestMail !== undefined) checks.push(await sendTestMail(settings, options.sendTestMail));
    checks.push(checkMailInProduction(settings));
    checks.push(await checkRedis(settings));
    const file = sqliteFile(settings.databaseUrl);
    for (const found of [
      file === undefined ? undefined : checkDatabaseFile(file),
      checkSecretFile('secrets-file', read.secretsFile),
      secret.file === undefined ? undefined : checkSecretFile('secret-file', secret.file),
    ]) {
      if (found) checks.push(found);
    }
  }
  const scrubbed = scrub(checks, settings ? secretsIn(settings) : []);
  return { ok: scrubbed.every((c) => c.status !== 'fail'), checks: scrubbed };
}

function humanReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.name.length));
  const lines = report.checks.map(
    (c) => `${c.status.padEnd(4)}  ${c.name.padEnd(width)}  ${c.message}${c.fix ? ` — fix: ${c.fix}` : ''}`,
  );
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  // Not "N passed, N failed": CI logs read that shape as a test runner's summary.
  lines.push(
    '',
    `doctor: ${report.ok ? 'OK' : 'NOT OK'} (${count('fail')} failing, ${count('warn')} warnings, ${count('pass')} passing)`,
  );
  return `${lines.join('\n')}\n`;
}

/** Every secret value the settings hold, and the passwords inside their URLs. */
function secretsIn(settings: ResolvedSettings): string[] {
  const urls = [settings.databaseUrl, settings.smtpUrl, settings.redisUrl].filter((u) => u !== undefined);
  const passwords = urls.flatMap((u) => {
    if (!URL.canParse(u)) return [];
    const url = new URL(u);
    const inQuery = url.searchParams.get('password');
    return [url.password, decodeURIComponent(url.password), inQuery ?? ''];
  });
  return [settings.secret ?? '', settings.sms.twilio?.authToken ?? '', ...passwords].filter(
    (s) => s.length >= 4,
  );
}

/** The last line of defence: a message that somehow quotes a secret shows *** instead. */
function scrub(checks: CheckResult[], secrets: string[]): CheckResult[] {
  const hide = (text: string) => secrets.reduce((t, s) => t.replaceAll(s, '***'), text);
  return checks.map((c) => ({ ...c, message: hide(c.message), ...(c.fix ? { fix: hide(c.fix) } : {}) }));
}
