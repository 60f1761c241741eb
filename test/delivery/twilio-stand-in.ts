/**
 * A local HTTP server that plays Twilio's Messages API for the tests: it records every request
 * exactly as received, and answers each with the next queued reply, else like Twilio on success
 * (201 and the created Message). The contract it follows is written out in twilio-sms.test.ts.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  /** The raw body text. */
  readonly body: string;
  /** The body's form fields, each name with every value it was given. */
  readonly fields: Record<string, string[]>;
}

export interface StandInReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface TwilioStandIn {
  /** The base URL to configure as `baseUrl`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Answers the next requests with these, in order; then with Twilio's success reply. */
  answer(...replies: StandInReply[]): void;
  /** Holds every further request without an answer (until `stop`). */
  hang(): void;
  stop(): Promise<void>;
}

let sequence = 0;

/** The Message resource Twilio returns on 201 Created (fields from the Messages resource docs). */
export function createdMessage(
  accountSid: string,
  fields: Record<string, string[]>,
): Record<string, unknown> {
  const sid = `SM${(++sequence).toString(16).padStart(32, '0')}`;
  const now = new Date().toUTCString().replace('GMT', '+0000');
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: fields.Body?.[0] ?? null,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: fields.From?.[0] ?? null,
    messaging_service_sid: fields.MessagingServiceSid?.[0] ?? null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid,
    status: fields.MessagingServiceSid ? 'accepted' : 'queued',
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
    to: fields.To?.[0] ?? null,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
  };
}

/** A Twilio REST error body: `{code, message, more_info, status}`. */
export function twilioError(status: number, code: number, message: string): StandInReply {
  return {
    status,
    body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  };
}

export async function startTwilioStandIn(accountSid: string): Promise<TwilioStandIn> {
  const requests: RecordedRequest[] = [];
  const replies: StandInReply[] = [];
  const held: Array<() => void> = [];
  let hanging = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const fields: Record<string, string[]> = {};
      for (const [name, value] of new URLSearchParams(body)) fields[name] = [...(fields[name] ?? []), value];
      requests.push({ method: req.method, url: req.url, headers: req.headers, body, fields });
      if (hanging) {
        held.push(() => res.destroy());
        return;
      }
      const reply = replies.shift() ?? { status: 201, body: createdMessage(accountSid, fields) };
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (...next) => {
      replies.push(...next);
    },
    hang: () => {
      hanging = true;
    },
    async stop() {
      for (const release of held) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
