/**
 * The AWS SESv2 transport. `@aws-sdk/client-sesv2` is an optional peer dependency, imported on the
 * first send so that apps using SMTP or the console never load (or install) the AWS SDK.
 */

import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { type AwsClientOptions, awsClientConfig, lazyAwsClient } from './aws-client.js';
import { type Mailer, PermanentDeliveryError } from './mailer.js';

export interface SesMailerOptions extends AwsClientOptions {
  /** The `From` address; SES must have it (or its domain) verified. */
  readonly from: string;
  readonly configurationSet?: string | undefined;
}

/**
 * SES's final answers about this message or this account. Everything else — throttling
 * (`TooManyRequestsException`, `LimitExceededException`, which SES also returns for sending-rate
 * quotas), `SendingPausedException` (a pause that can be lifted), 5xx, network and credential
 * failures — is left for the outbox to retry.
 */
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'BadRequestException',
  'NotFoundException',
  'AccountSuspendedException',
]);

const PACKAGE = '@aws-sdk/client-sesv2';

// Type-only: erased at compile time, so it does not load the SDK.
type Sdk = typeof import('@aws-sdk/client-sesv2');

interface Connection {
  readonly client: SESv2Client;
  readonly SendEmailCommand: Sdk['SendEmailCommand'];
}

/**
 * Sends through SESv2 `SendEmail` with a simple (SES-assembled) message. Credentials come from the
 * standard AWS chain.
 *
 * @example
 * const mailer = sesMailer({ from: 'no-reply@example.com', region: 'eu-west-1' });
 */
export function sesMailer(options: SesMailerOptions): Mailer {
  const connection = lazyAwsClient(
    async (): Promise<Connection> => {
      const sdk: Sdk = await import('@aws-sdk/client-sesv2');
      return {
        client: new sdk.SESv2Client(awsClientConfig(options)),
        SendEmailCommand: sdk.SendEmailCommand,
      };
    },
    { transport: 'SES mail transport', pkg: PACKAGE },
  );

  return {
    async send(mail) {
      const ses = await connection.get();
      try {
        await ses.client.send(
          new ses.SendEmailCommand({
            FromEmailAddress: options.from,
            Destination: { ToAddresses: [mail.to] },
            Content: {
              Simple: {
                Subject: { Data: mail.subject, Charset: 'UTF-8' },
                Body: {
                  Text: { Data: mail.text, Charset: 'UTF-8' },
                  Html: { Data: mail.html, Charset: 'UTF-8' },
                },
              },
            },
            ...(options.configurationSet !== undefined && { ConfigurationSetName: options.configurationSet }),
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
 * SES error messages can quote the recipient ("… identities failed the check …: a@example.com"), and
 * the outbox logs and stores the message, so service errors are reduced to their name.
 */
function classify(error: unknown): Error {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const name = error instanceof Error ? error.name : 'Error';
  if (status === undefined) return error instanceof Error ? error : new Error(String(error));
  if (PERMANENT.has(name)) return new PermanentDeliveryError(`SES ${name}`, { cause: error });
  return new Error(`SES ${name} (HTTP ${status})`, { cause: error });
}
