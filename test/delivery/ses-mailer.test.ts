/**
 * The SES transport against a recorded SESv2 contract, played by a local HTTP server.
 *
 * Recorded contract (SESv2 REST-JSON protocol; API reference "SendEmail" and "Common errors"):
 *
 *   request   POST /v2/email/outbound-emails
 *             Content-Type: application/json
 *             X-Amz-Date: <yyyymmdd>T<hhmmss>Z
 *             Authorization: AWS4-HMAC-SHA256 Credential=<key id>/<yyyymmdd>/<region>/ses/aws4_request,
 *                            SignedHeaders=…, Signature=…
 *             {
 *               "FromEmailAddress": "no-reply@example.com",
 *               "Destination": { "ToAddresses": ["ada@example.com"] },
 *               "Content": { "Simple": {
 *                 "Subject": { "Data": "…", "Charset": "UTF-8" },
 *                 "Body": { "Text": { "Data": "…", "Charset": "UTF-8" },
 *                           "Html": { "Data": "…", "Charset": "UTF-8" } } } },
 *               "ConfigurationSetName": "…"                       (only when configured)
 *             }
 *   success   200 application/json {"MessageId": "0100018f…-000000"}
 *   failure   4xx/5xx, header x-amzn-ErrorType: <error name>, body {"message": "…"}
 *             400 MessageRejected {"message":"Email address is not verified. The following identities
 *                 failed the check in region US-EAST-1: <address>"}   (the message can quote the address)
 *             429 TooManyRequestsException {"message":"Maximum sending rate exceeded."}
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OutgoingMail, PermanentDeliveryError } from '../../src/delivery/mailer.js';
import { sesMailer } from '../../src/delivery/ses-mailer.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const mailerModule = new URL('../../src/delivery/ses-mailer.ts', import.meta.url).href;

// Static credentials and no shared files or metadata services, so the credential chain never
// reaches for the network or the developer's own AWS setup.
const fakeAwsEnv: Record<string, string | undefined> = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_REGION: undefined,
  AWS_DEFAULT_REGION: undefined,
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_ROLE_ARN: undefined,
};

interface Recorded {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

const ok: Reply = { status: 200, body: { MessageId: '0100018f-test-000000' } };

let server: Server;
let endpoint: string;
let requests: Recorded[] = [];
let replies: Reply[] = [];
const savedEnv: Record<string, string | undefined> = {};

function answerNext(reply: Reply): void {
  replies.push(reply);
}

beforeAll(async () => {
  for (const [key, value] of Object.entries(fakeAwsEnv)) {
    savedEnv[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: text && JSON.parse(text),
      });
      const reply = replies.shift() ?? ok;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

afterEach(() => {
  requests = [];
  replies = [];
});

const mail: OutgoingMail = {
  to: 'ada@example.com',
  subject: 'Confirm your address — Gatehouse',
  text: 'Open https://app.example.com/verify?token=abc to confirm.',
  html: '<p><a href="https://app.example.com/verify?token=abc">Confirm</a> ✓</p>',
};

async function sendOnce(reply: Reply, configurationSet?: string): Promise<unknown> {
  answerNext(reply);
  const mailer = sesMailer({ from: 'no-reply@example.com', region: 'us-east-1', endpoint, configurationSet });
  try {
    await mailer.send(mail);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await mailer.close?.();
  }
}

function sesError(status: number, type: string | undefined, message: string): Reply {
  return { status, headers: type ? { 'x-amzn-ErrorType': type } : {}, body: { message } };
}

describe('sesMailer', () => {
  it('sends one signed SendEmail request with a simple UTF-8 message', async () => {
    expect(await sendOnce(ok, 'transactional')).toBeUndefined();

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v2/email/outbound-emails');
    const date = String(request?.headers['x-amz-date']).slice(0, 8);
    expect(date).toMatch(/^\d{8}$/);
    expect(request?.headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${date}/us-east-1/ses/aws4_request,`),
    );
    expect(request?.body).toEqual({
      FromEmailAddress: 'no-reply@example.com',
      Destination: { ToAddresses: ['ada@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: mail.text, Charset: 'UTF-8' },
            Html: { Data: mail.html, Charset: 'UTF-8' },
          },
        },
      },
      ConfigurationSetName: 'transactional',
    });
  });

  it('leaves out ConfigurationSetName when none is configured', async () => {
    expect(await sendOnce(ok)).toBeUndefined();
    expect(requests[0]?.body).not.toHaveProperty('ConfigurationSetName');
  });

  it('reuses one client for several sends', async () => {
    const mailer = sesMailer({ from: 'no-reply@example.com', region: 'us-east-1', endpoint });
    await Promise.all([mailer.send(mail), mailer.send(mail)]);
    await mailer.send(mail);
    await mailer.close?.();
    expect(requests).toHaveLength(3);
  });

  it('gives up on MessageRejected without quoting the address', async () => {
    const error = await sendOnce(
      sesError(
        400,
        'MessageRejected',
        `Email address is not verified. The following identities failed the check in region US-EAST-1: ${mail.to}`,
      ),
    );
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toBe('SES MessageRejected');
    expect((error as Error).message).not.toContain(mail.to);
    expect(requests).toHaveLength(1);
  });

  it.each([
    [400, 'MailFromDomainNotVerifiedException'],
    [400, 'BadRequestException'],
    [404, 'NotFoundException'],
    [400, 'AccountSuspendedException'],
  ])('gives up on %i %s', async (status, type) => {
    const error = await sendOnce(sesError(status, type, `refused for ${mail.to}`));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toBe(`SES ${type}`);
  });

  // maxAttempts: 1 — exactly one request reaches the server; the outbox schedules the next try.
  it.each([
    { status: 429, type: 'TooManyRequestsException' },
    { status: 400, type: 'LimitExceededException' },
    { status: 400, type: 'SendingPausedException' },
    { status: 500, type: 'InternalFailure' },
    { status: 503, type: undefined },
  ])('leaves $status $type to the outbox to retry, after one request', async ({ status, type }) => {
    const error = await sendOnce(sesError(status, type, `try again later, ${mail.to}`));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toMatch(new RegExp(`^SES \\S+ \\(HTTP ${status}\\)$`));
    expect((error as Error).message).not.toContain(mail.to);
    expect(requests).toHaveLength(1);
  });

  it('leaves a refused connection to the outbox to retry', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const mailer = sesMailer({
      from: 'no-reply@example.com',
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
    });
    const error = await mailer.send(mail).catch((e: unknown) => e);
    await mailer.close?.();
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
  });
});

/** Runs a script in a fresh Node (with tsx) so that the module cache starts empty. */
async function inChild(script: string): Promise<Record<string, unknown>> {
  const env = { ...process.env };
  for (const [key, value] of Object.entries(fakeAwsEnv)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    env,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

describe('sesMailer loading', () => {
  it('loads the AWS SDK on the first send, not on import or construction', async () => {
    const result = await inChild(`
      import { createRequire } from 'node:module';
      const cache = createRequire(process.cwd() + '/').cache;
      const sdkLoaded = () => Object.keys(cache).some((path) => path.includes('@aws-sdk'));
      const { sesMailer } = await import(${JSON.stringify(mailerModule)});
      const mailer = sesMailer({ from: 'no-reply@example.com', region: 'us-east-1', endpoint: ${JSON.stringify(endpoint)} });
      const afterConstruct = sdkLoaded();
      await mailer.close();
      const afterClose = sdkLoaded();
      await mailer.send(${JSON.stringify(mail)});
      const afterSend = sdkLoaded();
      await mailer.close();
      console.log(JSON.stringify({ afterConstruct, afterClose, afterSend }));
    `);
    // afterSend: true shows the check can see the SDK, so the false values mean something.
    expect(result).toEqual({ afterConstruct: false, afterClose: false, afterSend: true });
    expect(requests).toHaveLength(1);
  });

  it('asks for the package when it is not installed, and leaves the mail to be retried', async () => {
    // A resolve hook that makes @aws-sdk/client-sesv2 look uninstalled, with Node's own error.
    const hook = `export async function resolve(specifier, context, next) {
      return next(specifier === '@aws-sdk/client-sesv2' ? '@aws-sdk/client-sesv2-not-installed' : specifier, context);
    }`;
    const result = await inChild(`
      import { register } from 'node:module';
      register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});
      const { sesMailer } = await import(${JSON.stringify(mailerModule)});
      const { PermanentDeliveryError } = await import(${JSON.stringify(mailerModule.replace('ses-mailer', 'mailer'))});
      const mailer = sesMailer({ from: 'no-reply@example.com', region: 'us-east-1', endpoint: ${JSON.stringify(endpoint)} });
      const error = await mailer.send(${JSON.stringify(mail)}).catch((e) => e);
      console.log(JSON.stringify({ message: error?.message, permanent: error instanceof PermanentDeliveryError }));
    `);
    expect(result).toEqual({
      message: 'The SES mail transport needs @aws-sdk/client-sesv2: npm install @aws-sdk/client-sesv2',
      permanent: false,
    });
    expect(requests).toHaveLength(0);
  });
});
