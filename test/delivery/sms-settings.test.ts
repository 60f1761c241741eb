/**
 * The `sms` settings: read from nested TOML tables and from `GATEHOUSE_SMS_*` variables, bad values
 * named as written, and turned into the transport they ask for — or refused at start when a
 * transport is half-configured.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/cli/settings-sources.js';
import { resolveSettings } from '../../src/core/config.js';
import { smsSenderFromSettings } from '../../src/delivery/sms/from-settings.js';
import { tempDir } from '../support/cli.js';
import { startTwilioStandIn, type TwilioStandIn } from './twilio-stand-in.js';

const ACCOUNT_SID = 'AC11111111111111111111111111111111';

describe('sms settings sources', () => {
  it('reads every sms key from nested TOML tables', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      [
        '[sms]',
        'transport = "twilio"',
        'code_ttl = 240',
        'max_attempts = 3',
        'resend_interval = 45',
        'outbox = false',
        '[sms.per_account]',
        'max = 4',
        'window = 600',
        '[sms.twilio]',
        `account_sid = "${ACCOUNT_SID}"`,
        'auth_token = "from-toml"',
        'from = "+15005550006"',
        'messaging_service_sid = "MG1"',
        'base_url = "http://127.0.0.1:9"',
        '[sms.sns]',
        'region = "eu-west-1"',
        'endpoint = "http://127.0.0.1:8"',
        'sender_id = "Gatehouse"',
        '',
      ].join('\n'),
    );
    expect(loadSettings({ cwd, env: {} }).settings.sms).toEqual({
      transport: 'twilio',
      codeTtl: 240,
      maxAttempts: 3,
      resendInterval: 45,
      perAccount: { max: 4, window: 600 },
      outbox: false,
      twilio: {
        accountSid: ACCOUNT_SID,
        authToken: 'from-toml',
        from: '+15005550006',
        messagingServiceSid: 'MG1',
        baseUrl: 'http://127.0.0.1:9',
      },
      sns: { region: 'eu-west-1', endpoint: 'http://127.0.0.1:8', senderId: 'Gatehouse' },
    });
  });

  it('reads every sms key from GATEHOUSE_SMS_* variables, over the TOML file', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), '[sms.twilio]\nauth_token = "from-toml"\n');
    const { sms } = loadSettings({
      cwd,
      env: {
        GATEHOUSE_SMS_TRANSPORT: 'sns',
        GATEHOUSE_SMS_CODE_TTL: '120',
        GATEHOUSE_SMS_MAX_ATTEMPTS: '4',
        GATEHOUSE_SMS_RESEND_INTERVAL: '0',
        GATEHOUSE_SMS_PER_ACCOUNT: '{"max":2,"window":60}',
        GATEHOUSE_SMS_OUTBOX: 'off',
        GATEHOUSE_SMS_TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        GATEHOUSE_SMS_TWILIO_AUTH_TOKEN: 'from-env',
        GATEHOUSE_SMS_TWILIO_FROM: '+15005550006',
        GATEHOUSE_SMS_TWILIO_MESSAGING_SERVICE_SID: 'MG2',
        GATEHOUSE_SMS_TWILIO_BASE_URL: 'http://127.0.0.1:7',
        GATEHOUSE_SMS_SNS_REGION: 'us-west-2',
        GATEHOUSE_SMS_SNS_ENDPOINT: 'http://127.0.0.1:6',
        GATEHOUSE_SMS_SNS_SENDER_ID: 'Gate',
      },
    }).settings;
    expect(sms).toEqual({
      transport: 'sns',
      codeTtl: 120,
      maxAttempts: 4,
      resendInterval: 0,
      perAccount: { max: 2, window: 60 },
      outbox: false,
      twilio: {
        accountSid: ACCOUNT_SID,
        authToken: 'from-env',
        from: '+15005550006',
        messagingServiceSid: 'MG2',
        baseUrl: 'http://127.0.0.1:7',
      },
      sns: { region: 'us-west-2', endpoint: 'http://127.0.0.1:6', senderId: 'Gate' },
    });
  });

  it('names a bad value by the name it was written under', () => {
    const cwd = tempDir();
    expect(() =>
      loadSettings({ cwd, env: { GATEHOUSE_SMS_TWILIO_BASE_URL: 'ftp://twilio.example' } }),
    ).toThrow(/GATEHOUSE_SMS_TWILIO_BASE_URL: /);
    expect(() => loadSettings({ cwd, env: { GATEHOUSE_SMS_TRANSPORT: 'pigeon' } })).toThrow(
      /GATEHOUSE_SMS_TRANSPORT: /,
    );
    writeFileSync(join(cwd, 'gatehouse.toml'), '[sms.sns]\nsender_id = "far-too-long-for-a-sender-id"\n');
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/gatehouse\.toml sms\.sns\.sender_id: /);
  });

  it('refuses an unknown key inside a nested table', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), '[sms.twilio]\nacount_sid = "AC1"\n');
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/unknown setting "sms\.twilio\.acount_sid"/);
    writeFileSync(join(cwd, 'gatehouse.toml'), '[sms.twillio]\naccount_sid = "AC1"\n');
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/unknown setting "sms\.twillio\.account_sid"/);
  });
});

describe('smsSenderFromSettings', () => {
  let twilio: TwilioStandIn;
  beforeAll(async () => {
    twilio = await startTwilioStandIn(ACCOUNT_SID);
  });
  afterAll(() => twilio.stop());

  it('builds the Twilio transport the settings describe', async () => {
    const sender = smsSenderFromSettings(
      resolveSettings({
        sms: {
          transport: 'twilio',
          twilio: {
            accountSid: ACCOUNT_SID,
            authToken: 'secret-token',
            messagingServiceSid: 'MG3',
            baseUrl: twilio.url,
          },
        },
      }),
    );
    await sender.send({ to: '+14155550199', body: 'Your code is 123456' });
    expect(twilio.requests).toHaveLength(1);
    expect(twilio.requests[0]?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(twilio.requests[0]?.fields).toEqual({
      To: ['+14155550199'],
      MessagingServiceSid: ['MG3'],
      Body: ['Your code is 123456'],
    });
  });

  it('refuses a half-configured Twilio transport at once, naming what is missing', () => {
    expect(() =>
      smsSenderFromSettings(
        resolveSettings({ sms: { transport: 'twilio', twilio: { accountSid: ACCOUNT_SID } } }),
      ),
    ).toThrow(/sms\.twilio\.accountSid and sms\.twilio\.authToken/);
    expect(() =>
      smsSenderFromSettings(
        resolveSettings({
          sms: { transport: 'twilio', twilio: { accountSid: ACCOUNT_SID, authToken: 't' } },
        }),
      ),
    ).toThrow(/sms\.twilio\.from or sms\.twilio\.messagingServiceSid/);
  });

  it('builds SNS without loading the SDK, and the console transport by default', () => {
    expect(smsSenderFromSettings(resolveSettings({ sms: { transport: 'sns' } })).send).toBeTypeOf('function');
    expect(resolveSettings({}).sms.transport).toBeUndefined(); // unset: the console, and serve warns on https
    expect(smsSenderFromSettings(resolveSettings({})).send).toBeTypeOf('function');
  });
});
