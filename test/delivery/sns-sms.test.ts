/**
 * The SNS transport against SNS's documented Publish contract, played by a local HTTP server.
 *
 * Contract (SNS API Reference "Publish", "Common Parameters", "Common Errors"; the SMS attributes
 * from the SNS Developer Guide "Publishing to a mobile phone"). The installed
 * @aws-sdk/client-sns speaks SNS's query protocol (AwsQueryProtocol, version 2010-03-31):
 *
 *   request   POST /
 *             Content-Type: application/x-www-form-urlencoded
 *             X-Amz-Date: <yyyymmdd>T<hhmmss>Z
 *             Authorization: AWS4-HMAC-SHA256 Credential=<key id>/<yyyymmdd>/<region>/sns/aws4_request,
 *                            SignedHeaders=…, Signature=…
 *             Action=Publish&Version=2010-03-31
 *             &PhoneNumber=<E.164>&Message=<text>
 *             &MessageAttributes.entry.1.Name=AWS.SNS.SMS.SMSType
 *             &MessageAttributes.entry.1.Value.DataType=String
 *             &MessageAttributes.entry.1.Value.StringValue=Transactional
 *             &MessageAttributes.entry.2.Name=AWS.SNS.SMS.SenderID     (only when configured)
 *             &MessageAttributes.entry.2.Value.DataType=String
 *             &MessageAttributes.entry.2.Value.StringValue=<sender id>
 *   success   200 text/xml
 *             <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
 *               <PublishResult><MessageId>…</MessageId></PublishResult>
 *               <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
 *             </PublishResponse>
 *   failure   4xx/5xx text/xml
 *             <ErrorResponse xmlns="…"><Error><Type>Sender|Receiver</Type><Code>…</Code>
 *               <Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>
 *             400 InvalidParameter "Invalid parameter: PhoneNumber Reason: +1… is not valid to publish to"
 *             400 ParameterValueInvalid, 400 OptedOut, 403 AuthorizationError, 429 Throttled,
 *             500 InternalError
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PermanentSmsError } from '../../src/delivery/sms/sms-sender.js';
import { snsSms } from '../../src/delivery/sms/sns-sms.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const senderModule = new URL('../../src/delivery/sms/sns-sms.ts', import.meta.url).href;

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
  readonly fields: Record<string, string[]>;
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

const NS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const ok: Reply = {
  status: 200,
  body: `<PublishResponse xmlns="${NS}">
  <PublishResult>
    <MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId>
  </PublishResult>
  <ResponseMetadata>
    <RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId>
  </ResponseMetadata>
</PublishResponse>`,
};

function snsError(status: number, type: 'Sender' | 'Receiver', code: string, message: string): Reply {
  return {
    status,
    body: `<ErrorResponse xmlns="${NS}">
  <Error>
    <Type>${type}</Type>
    <Code>${code}</Code>
    <Message>${message}</Message>
  </Error>
  <RequestId>9f2b8d4e-1c3a-5b6d-8e7f-0a1b2c3d4e5f</RequestId>
</ErrorResponse>`,
  };
}

let server: Server;
let endpoint: string;
let requests: Recorded[] = [];
let replies: Reply[] = [];
const savedEnv: Record<string, string | undefined> = {};

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
      const fields: Record<string, string[]> = {};
      for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
        fields[name] = [...(fields[name] ?? []), value];
      requests.push({ method: req.method, url: req.url, headers: req.headers, fields });
      const reply = replies.shift() ?? ok;
      res.writeHead(reply.status, { 'content-type': 'text/xml' });
      res.end(reply.body);
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

const TO = '+14155550123';
const CODE = '271828';
const message = { to: TO, body: `Your Gatehouse code is ${CODE}. Don't share it: a+b & ü ✓` };

async function sendOnce(reply: Reply, senderId?: string): Promise<unknown> {
  replies.push(reply);
  const sender = snsSms({ region: 'us-east-1', endpoint, senderId });
  try {
    await sender.send(message);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await sender.close?.();
  }
}

describe('snsSms', () => {
  it('publishes one signed, transactional SMS straight to the number', async () => {
    expect(await sendOnce(ok, 'Gatehouse')).toBeUndefined();

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const date = String(request?.headers['x-amz-date']).slice(0, 8);
    expect(date).toMatch(/^\d{8}$/);
    expect(request?.headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${date}/us-east-1/sns/aws4_request,`),
    );
    expect(request?.fields).toEqual({
      Action: ['Publish'],
      Version: ['2010-03-31'],
      PhoneNumber: [TO],
      Message: [message.body],
      'MessageAttributes.entry.1.Name': ['AWS.SNS.SMS.SMSType'],
      'MessageAttributes.entry.1.Value.DataType': ['String'],
      'MessageAttributes.entry.1.Value.StringValue': ['Transactional'],
      'MessageAttributes.entry.2.Name': ['AWS.SNS.SMS.SenderID'],
      'MessageAttributes.entry.2.Value.DataType': ['String'],
      'MessageAttributes.entry.2.Value.StringValue': ['Gatehouse'],
    });
  });

  it('leaves out the sender id when none is configured', async () => {
    expect(await sendOnce(ok)).toBeUndefined();
    expect(requests[0]?.fields).toEqual({
      Action: ['Publish'],
      Version: ['2010-03-31'],
      PhoneNumber: [TO],
      Message: [message.body],
      'MessageAttributes.entry.1.Name': ['AWS.SNS.SMS.SMSType'],
      'MessageAttributes.entry.1.Value.DataType': ['String'],
      'MessageAttributes.entry.1.Value.StringValue': ['Transactional'],
    });
  });

  it('reuses one client for several sends', async () => {
    const sender = snsSms({ region: 'us-east-1', endpoint });
    await Promise.all([sender.send(message), sender.send(message)]);
    await sender.send(message);
    await sender.close?.();
    expect(requests).toHaveLength(3);
  });

  it('gives up on an invalid number, blaming the number, without quoting it', async () => {
    const error = await sendOnce(
      snsError(
        400,
        'Sender',
        'InvalidParameter',
        `Invalid parameter: PhoneNumber Reason: ${TO} is not valid to publish to`,
      ),
    );
    expect(error).toBeInstanceOf(PermanentSmsError);
    expect((error as PermanentSmsError).recipient).toBe(true);
    expect((error as Error).message).toBe('SNS InvalidParameterException');
    expect((error as Error).message).not.toContain(TO.slice(1));
    expect(requests).toHaveLength(1);
  });

  it('gives up on an opted-out number, blaming the number', async () => {
    const error = await sendOnce(snsError(400, 'Sender', 'OptedOut', `Phone number ${TO} is opted out`));
    expect(error).toBeInstanceOf(PermanentSmsError);
    expect((error as PermanentSmsError).recipient).toBe(true);
    expect((error as Error).message).toBe('SNS OptedOutException');
  });

  it.each([
    [
      'InvalidParameter',
      'Invalid parameter: MessageAttributes Reason: SenderID is not valid',
      'InvalidParameterException',
    ],
    ['ParameterValueInvalid', 'The message attribute has an invalid value', 'InvalidParameterValueException'],
  ])('gives up on %s about something else, without blaming the number', async (code, text, name) => {
    const error = await sendOnce(snsError(400, 'Sender', code, text));
    expect(error).toBeInstanceOf(PermanentSmsError);
    expect((error as PermanentSmsError).recipient).toBe(false);
    expect((error as Error).message).toBe(`SNS ${name}`);
  });

  // maxAttempts: 1 — exactly one request reaches the server; the outbox schedules the next try.
  it.each([
    { status: 429, type: 'Sender', code: 'Throttled' },
    { status: 403, type: 'Sender', code: 'AuthorizationError' },
    { status: 500, type: 'Receiver', code: 'InternalError' },
    { status: 503, type: 'Receiver', code: 'ServiceUnavailable' },
  ] as const)(
    'leaves $status $code to the outbox to retry, after one request',
    async ({ status, type, code }) => {
      const error = await sendOnce(snsError(status, type, code, `try again later, ${TO}`));
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentSmsError);
      expect((error as Error).message).toMatch(new RegExp(`^SNS \\S+ \\(HTTP ${status}\\)$`));
      expect((error as Error).message).not.toContain(TO.slice(1));
      expect(requests).toHaveLength(1);
    },
  );

  it('leaves a refused connection to the outbox to retry', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const sender = snsSms({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` });
    const error = await sender.send(message).catch((e: unknown) => e);
    await sender.close?.();
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSmsError);
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

describe('snsSms loading', () => {
  it('loads the AWS SDK on the first send, not on import or construction', async () => {
    const result = await inChild(`
      import { createRequire } from 'node:module';
      const cache = createRequire(process.cwd() + '/').cache;
      const sdkLoaded = () => Object.keys(cache).some((path) => path.includes('@aws-sdk'));
      const { snsSms } = await import(${JSON.stringify(senderModule)});
      const sender = snsSms({ region: 'us-east-1', endpoint: ${JSON.stringify(endpoint)} });
      const afterConstruct = sdkLoaded();
      await sender.close();
      const afterClose = sdkLoaded();
      await sender.send(${JSON.stringify(message)});
      const afterSend = sdkLoaded();
      await sender.close();
      console.log(JSON.stringify({ afterConstruct, afterClose, afterSend }));
    `);
    // afterSend: true shows the check can see the SDK, so the false values mean something.
    expect(result).toEqual({ afterConstruct: false, afterClose: false, afterSend: true });
    expect(requests).toHaveLength(1);
  });

  it('asks for the package when it is not installed, and leaves the message to be retried', async () => {
    // A resolve hook that makes @aws-sdk/client-sns look uninstalled, with Node's own error.
    const hook = `export async function resolve(specifier, context, next) {
      return next(specifier === '@aws-sdk/client-sns' ? '@aws-sdk/client-sns-not-installed' : specifier, context);
    }`;
    const result = await inChild(`
      import { register } from 'node:module';
      register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});
      const { snsSms } = await import(${JSON.stringify(senderModule)});
      const { PermanentDeliveryError } = await import(${JSON.stringify(new URL('../../src/delivery/mailer.ts', import.meta.url).href)});
      const sender = snsSms({ region: 'us-east-1', endpoint: ${JSON.stringify(endpoint)} });
      const error = await sender.send(${JSON.stringify(message)}).catch((e) => e);
      console.log(JSON.stringify({ message: error?.message, permanent: error instanceof PermanentDeliveryError }));
    `);
    expect(result).toEqual({
      message: 'The SNS SMS transport needs @aws-sdk/client-sns: npm install @aws-sdk/client-sns',
      permanent: false,
    });
    expect(requests).toHaveLength(0);
  });
});
