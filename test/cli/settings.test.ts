/** Settings layering: flags > GATEHOUSE_* env > secrets env file > gatehouse.toml > defaults; bad values name their key. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/cli/settings-sources.js';
import { runCli, tempDir } from '../support/cli.js';

describe('loadSettings', () => {
  it('uses defaults when nothing is configured', () => {
    const { settings, server } = loadSettings({ cwd: tempDir(), env: {} });
    // The timeouts and the connection cap: test/cli/server-settings.test.ts.
    expect(server).toMatchObject({ port: 3000, host: 'localhost' });
    expect(settings.databaseUrl).toBe('sqlite:./gatehouse.db');
    expect(settings.accessTokenTtl).toBe(900);
  });

  it('layers toml < secrets file < environment < flags', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      'base_url = "https://toml.example"\naccess_token_ttl = 600\naudience = "from-toml"\npassword_min_length = 10\n[argon2]\nmemory_cost = 20000\n[server]\nport = 4000\n',
    );
    writeFileSync(
      join(cwd, '.env'),
      'GATEHOUSE_ACCESS_TOKEN_TTL=300\nGATEHOUSE_SECRET="file-secret-file-secret-file-secret-1"\nGATEHOUSE_AUDIENCE=from-file\n',
    );
    const { settings, server, files } = loadSettings({
      cwd,
      env: {
        GATEHOUSE_AUDIENCE: 'from-env',
        GATEHOUSE_TRUSTED_ORIGINS: 'https://a.example, https://b.example',
        PORT: '5000',
      },
      flags: { 'server.port': '6000' },
    });
    expect(files).toHaveLength(2);
    expect(settings.baseUrl).toBe('https://toml.example');
    expect(settings.passwordMinLength).toBe(10);
    expect(settings.argon2.memoryCost).toBe(20000);
    expect(settings.accessTokenTtl).toBe(300);
    expect(settings.secret).toBe('file-secret-file-secret-file-secret-1');
    expect(settings.audience).toBe('from-env');
    expect(settings.trustedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(server.port).toBe(6000);
  });

  it('reads the lifecycle, mail and webhook settings from TOML tables and env', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      [
        'mail_transport = "ses"',
        'account_deletion = "hard"',
        'notify_new_device = false',
        '[ses]',
        'region = "eu-west-1"',
        'configuration_set = "transactional"',
        '[[webhooks]]',
        'url = "https://hooks.example/a"',
        'secret = "0123456789abcdef"',
        'events = ["user.created"]',
        '',
      ].join('\n'),
    );
    const fromToml = loadSettings({ cwd, env: {} }).settings;
    expect(fromToml).toMatchObject({
      mailTransport: 'ses',
      accountDeletion: 'hard',
      notifyNewDevice: false,
      ses: { region: 'eu-west-1', configurationSet: 'transactional' },
      webhooks: [{ url: 'https://hooks.example/a', secret: '0123456789abcdef', events: ['user.created'] }],
    });
    const fromEnv = loadSettings({
      cwd,
      env: {
        GATEHOUSE_WEBHOOKS: '[{"url":"https://hooks.example/b","secret":"fedcba9876543210"}]',
        GATEHOUSE_DELETED_RETENTION_DAYS: '7',
        GATEHOUSE_SES_REGION: 'us-east-1',
      },
    }).settings;
    expect(fromEnv.webhooks).toEqual([{ url: 'https://hooks.example/b', secret: 'fedcba9876543210' }]);
    expect(fromEnv.deletedRetentionDays).toBe(7);
    expect(fromEnv.ses.region).toBe('us-east-1');
    expect(() => loadSettings({ cwd, env: { GATEHOUSE_WEBHOOKS: '[{' } })).toThrow(
      /GATEHOUSE_WEBHOOKS: expected JSON/,
    );
    expect(() =>
      loadSettings({ cwd, env: { GATEHOUSE_WEBHOOKS: '[{"url":"https://x.example","secret":"short"}]' } }),
    ).toThrow(/GATEHOUSE_WEBHOOKS/);
  });

  it('reads the abuse-resistance settings: limits as TOML tables or env JSON, lockout, proxies', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      [
        'rate_limits = "off"',
        'trusted_proxies = ["10.0.0.0/8"]',
        '[lockout]',
        'threshold = 20',
        '[limits.credential_ip]',
        'max = 5',
        'window = 10',
        '',
      ].join('\n'),
    );
    const settings = loadSettings({ cwd, env: { GATEHOUSE_LOCKOUT_MAX_SECONDS: '600' } }).settings;
    expect(settings.rateLimits).toBe('off');
    expect(settings.trustedProxies).toEqual(['10.0.0.0/8']);
    expect(settings.lockout).toEqual({ threshold: 20, baseSeconds: 60, maxSeconds: 600 });
    expect(settings.limits.credentialIp).toEqual({ max: 5, window: 10 });
    const fromEnv = loadSettings({
      cwd: tempDir(),
      env: { GATEHOUSE_LIMITS: '{"ip":{"max":100,"window":60}}' },
    });
    expect(fromEnv.settings.limits.ip).toEqual({ max: 100, window: 60 });
    expect(() => loadSettings({ cwd: tempDir(), env: { GATEHOUSE_LOCKOUT_THRESHOLD: '101' } })).toThrow(
      /GATEHOUSE_LOCKOUT_THRESHOLD: Too big: expected number to be <=100/,
    );
  });

  it('DATABASE_URL works, and GATEHOUSE_DATABASE_URL wins over it', () => {
    const env = { DATABASE_URL: 'postgres://a/b' };
    expect(loadSettings({ cwd: tempDir(), env }).settings.databaseUrl).toBe('postgres://a/b');
    expect(
      loadSettings({ cwd: tempDir(), env: { ...env, GATEHOUSE_DATABASE_URL: 'sqlite::memory:' } }).settings
        .databaseUrl,
    ).toBe('sqlite::memory:');
  });

  it('reads the database pool size from env and TOML (10 by default), and refuses 0', () => {
    expect(loadSettings({ cwd: tempDir(), env: {} }).settings.databasePoolSize).toBe(10);
    const env = { GATEHOUSE_DATABASE_POOL_SIZE: '4' };
    expect(loadSettings({ cwd: tempDir(), env }).settings.databasePoolSize).toBe(4);
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), 'database_pool_size = 25\n');
    expect(loadSettings({ cwd, env: {} }).settings.databasePoolSize).toBe(25);
    expect(() => loadSettings({ cwd: tempDir(), env: { GATEHOUSE_DATABASE_POOL_SIZE: '0' } })).toThrow(
      /GATEHOUSE_DATABASE_POOL_SIZE/,
    );
  });

  it('names the key, in the form it was written, and what is wrong', () => {
    const cwd = tempDir();
    expect(() => loadSettings({ cwd, env: { GATEHOUSE_ACCESS_TOKEN_TTL: 'soon' } })).toThrow(
      /GATEHOUSE_ACCESS_TOKEN_TTL: expected a number/,
    );
    expect(() => loadSettings({ cwd, env: { GATEHOUSE_PASSWORD_MIN_LENGTH: '4' } })).toThrow(
      /GATEHOUSE_PASSWORD_MIN_LENGTH: .*>=8/,
    );
    expect(() => loadSettings({ cwd, env: { GATEHOUSE_SECRET: 'short' } })).toThrow(
      /GATEHOUSE_SECRET: must be at least 32 characters/,
    );
    expect(() => loadSettings({ cwd, env: { GATEHOUSE_BASE_URL: 'ftp://x' } })).toThrow(/GATEHOUSE_BASE_URL/);
    writeFileSync(join(cwd, 'gatehouse.toml'), 'acess_token_ttl = 5\n');
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/unknown setting "acess_token_ttl"/);
    writeFileSync(join(cwd, 'gatehouse.toml'), 'base_path = "auth/"\n');
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/gatehouse.toml base_path: must start with \//);
  });
});

describe('the gatehouse command', () => {
  it('exits non-zero on a bad setting, naming it, without starting', async () => {
    const result = await runCli(['serve'], { cwd: tempDir(), env: { GATEHOUSE_SESSION_IDLE_TTL: '-5' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GATEHOUSE_SESSION_IDLE_TTL');
  });

  it('prints usage for --help and refuses unknown commands', async () => {
    const help = await runCli(['--help'], { cwd: tempDir() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('gatehouse <command>');
    const unknown = await runCli(['frobnicate'], { cwd: tempDir() });
    expect(unknown.code).toBe(2);
  });
});
