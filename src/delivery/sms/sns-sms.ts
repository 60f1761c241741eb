/**
 * The AWS SNS transport: `Publish` straight to a phone number, as a transactional message.
 * `@aws-sdk/client-sns` is an optional peer dependency, imported on the first send so that apps
 * using Twilio or the console never load (or install) the AWS SDK.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import { PermanentSmsError, type SmsSender } from './sms-sender.js';

export interface SnsSmsOptions {
  /** Falls back to the AWS chain (`AWS_REGION`, the shared config file). */
  readonly region?: string | undefined;
  /** Overrides the regional endpoint, e.g. for a VPC endpoint or a local stand-in. */
  readonly endpoint?: string | undefined;
  /** The alphanumeric sender id shown where the destination country supports one. */
  readonly senderId?: string | undefined;
}

/**
 * SNS's final answers about this message. Everything else — `Throttled`, `InternalError`, 5xx,
 * network, credential and permission failures (`AuthorizationError`, which the operator can fix)
 * — is left for the outbox to retry.
 */
const PERMANENT = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'ValidationException',
  'OptedOutException',
]);

const PACKAGE = '@aws-sdk/client-sns';

// Type-only: erased at compile time, so it does not load the SDK.
type Sdk = typeof import('@aws-sdk/client-sns');

interface Connection {
  readonly client: SNSClient;
  readonly PublishCommand: Sdk['PublishCommand'];
}

/**
 * Credentials come from the standard AWS chain.
 *
 * @example
 * const sms = snsSms({ region: 'eu-west-1', senderId: 'Gatehouse' });
 */
export function snsSms(options: SnsSmsOptions = {}): SmsSender {
  let client: Promise<Connection> | undefined;

  async function connect(): Promise<Connection> {
    let sdk: Sdk;
    try {
      sdk = await import('@aws-sdk/client-sns');
    } catch (error) {
      // A plain Error, not PermanentSmsError: this is the deployment's fault, not the message's,
      // so the message stays queued and goes out once the operator installs the package.
      if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND')
        throw new Error(`The SNS SMS transport needs ${PACKAGE}: npm install ${PACKAGE}`, { cause: error });
      throw error;
    }
    return {
      client: new sdk.SNSClient({
        ...(options.region !== undefined && { region: options.region }),
        ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
        // One attempt per send: the outbox owns retrying, with its own backoff and attempt limit.
        maxAttempts: 1,
        // A send that outlives the outbox lease (60 s) could be claimed and sent again.
        requestHandler: { connectionTimeout: 10_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
      }),
      PublishCommand: sdk.PublishCommand,
    };
  }

  return {
    async send(sms) {
      client ??= connect().catch((error: unknown) => {
        client = undefined;
        throw error;
      });
      const sns = await client;
      try {
        await sns.client.send(
          new sns.PublishCommand({
            PhoneNumber: sms.to,
            Message: sms.body,
            MessageAttributes: {
              // Transactional: routed for reliability (codes), not for the lowest price.
              'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
              ...(options.senderId !== undefined && {
                'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: options.senderId },
              }),
            },
          }),
        );
      } catch (error) {
        throw classify(error);
      }
    },
    async close() {
      const pending = client;
      client = undefined;
      if (pending) (await pending.catch(() => undefined))?.client.destroy();
    },
  };
}

/**
 * SNS error messages quote the number ("Invalid parameter: PhoneNumber Reason: +1… is not valid
 * to publish to"), and the outbox logs and stores the message, so service errors are reduced to
 * their name. That same wording is how an invalid number is told from another invalid parameter.
 */
function classify(error: unknown): Error {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const name = error instanceof Error ? error.name : 'Error';
  if (status === undefined) return error instanceof Error ? error : new Error(String(error));
  if (PERMANENT.has(name)) {
    const message = error instanceof Error ? error.message : '';
    const recipient = name === 'OptedOutException' || /^Invalid parameter: PhoneNumber\b/.test(message);
    return new PermanentSmsError(`SNS ${name}`, { cause: error, recipient });
  }
  return new Error(`SNS ${name} (HTTP ${status})`, { cause: error });
}
