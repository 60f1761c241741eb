/**
 * The AWS SNS transport: `Publish` straight to a phone number, as a transactional message.
 * `@aws-sdk/client-sns` is an optional peer dependency, imported on the first send so that apps
 * using Twilio or the console never load (or install) the AWS SDK.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import { type AwsClientOptions, awsClientConfig, lazyAwsClient } from '../aws-client.js';
import { PermanentSmsError, type SmsSender } from './sms-sender.js';

export interface SnsSmsOptions extends AwsClientOptions {
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
  const connection = lazyAwsClient(
    async (): Promise<Connection> => {
      const sdk: Sdk = await import('@aws-sdk/client-sns');
      return { client: new sdk.SNSClient(awsClientConfig(options)), PublishCommand: sdk.PublishCommand };
    },
    { transport: 'SNS SMS transport', pkg: PACKAGE },
  );

  return {
    async send(sms) {
      const sns = await connection.get();
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
    close: () => connection.close(),
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
