/**
 * The Twilio transport against Twilio's documented Messages API, played by a local HTTP server.
 *
 * Contract (Twilio docs: "Messages resource — Create a Message resource", "Our API: the basics",
 * and the error pages 20003, 20429, 21211, 21606, 21610, 21614):
 *
 *   request   POST /2010-04-01/Accounts/{AccountSid}/Messages.json
 *             Authorization: Basic base64({AccountSid}:{AuthToken})
 *             Content-Type: application/x-www-form-urlencoded
 *             To=<E.164>&From=<sender>&Body=<text>           (From, or MessagingServiceSid, or both:
 *                                                             "either instead of or in addition to")
 *   success   201 application/json, the created Message:
 *             {"sid":"SM…","status":"queued"|"accepted","to":"+1…","body":"…","error_code":null,…}
 *   failure   application/json {"code": <Twilio code>, "message": "…", "more_info": "https://www.twilio.com/docs/errors/<code>",
 *             "status": <HTTP status>}
 *             400 21211 "The 'To' number +1555… is not a valid phone number."   (quotes the number)
 *             400 21614 "'To' number is not a valid mobile number"
 *             400 21610 "Attempt to send to unsubscribed recipient"
 *             400 21606 "The 'From' phone number provided is not a valid message-capable Twilio phone number…"
 *             401 20003 "Authenticate"
 *             429 20429 "Too Many Requests" — never processed, always safe to retry
 *             5xx       Twilio-side failure
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { consoleSms } from '../../src/delivery/sms/console-sms.js';
import { PermanentSmsError } from '../../src/delivery/sms/sms-sender.js';
import { type TwilioSmsOptions, twilioSms } from '../../src/delivery/sms/twilio-sms.js';
import { startTwilioStandIn, type TwilioStandIn, twilioError } from './twilio-stand-in.js';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const TO = '+14155550123';
const CODE = '493817';
const message = { to: TO, body: `Your Gatehouse code is ${CODE}. Don't share it: a+b & ü ✓` };

let twilio: TwilioStandIn;

beforeAll(async () => {
  twilio = await startTwilioStandIn(ACCOUNT_SID);
});
afterAll(() => twilio.stop());
afterEach(() => {
  twilio.requests.length = 0;
});

const sender = (extra: Partial<TwilioSmsOptions> = {}) =>
  twilioSms({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    from: '+15005550006',
    baseUrl: twilio.url,
    ...extra,
  });

async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  return outcome as Error;
}

describe('twilioSms', () => {
  it('creates one Message: POST, the account path, Basic auth, form-encoded To, From and Body', async () => {
    await sender().send(message);

    expect(twilio.requests).toHaveLength(1);
    const [request] = twilio.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.fields).toEqual({ To: [TO], From: ['+15005550006'], Body: [message.body] });
  });

  it('sends MessagingServiceSid instead of From when only a messaging service is configured', async () => {
    await sender({ from: undefined, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).send(
      message,
    );
    expect(twilio.requests[0]?.fields).toEqual({
      To: [TO],
      MessagingServiceSid: ['MG0123456789abcdef0123456789abcdef'],
      Body: [message.body],
    });
  });

  it('sends both when both are configured, and accepts a base URL with a trailing slash', async () => {
    await sender({
      messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
      baseUrl: `${twilio.url}/`,
    }).send(message);
    expect(twilio.requests[0]?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(twilio.requests[0]?.fields).toEqual({
      To: [TO],
      From: ['+15005550006'],
      MessagingServiceSid: ['MG0123456789abcdef0123456789abcdef'],
      Body: [message.body],
    });
  });

  it.each([
    [21211, `The 'To' number ${TO} is not a valid phone number.`],
    [21614, `'To' number ${TO} is not a valid mobile number`],
    [21610, `Attempt to send to unsubscribed recipient ${TO}`],
  ])('gives up on 400 %i, blaming the number, without quoting it', async (code, text) => {
    twilio.answer(twilioError(400, code, text));
    const error = await failure(sender().send(message));
    expect(error).toBeInstanceOf(PermanentSmsError);
    expect((error as PermanentSmsError).recipient).toBe(true);
    expect(error.message).toBe(`Twilio ${code} (HTTP 400)`);
    expect(twilio.requests).toHaveLength(1);
  });

  it('gives up on a refused sender (400 21606) without blaming the number', async () => {
    twilio.answer(
      twilioError(400, 21606, "The 'From' phone number provided is not a valid message-capable number"),
    );
    const error = await failure(sender().send(message));
    expect(error).toBeInstanceOf(PermanentSmsError);
    expect((error as PermanentSmsError).recipient).toBe(false);
    expect(error.message).toBe('Twilio 21606 (HTTP 400)');
  });

  it('gives up on a 400 with no JSON body', async () => {
    twilio.answer({ status: 400, headers: { 'content-type': 'text/html' }, body: undefined });
    const error = await failure(sender().send(message));
    expect(error).toBeInstanceOf(PermanentSmsError);
    expect(error.message).toBe('Twilio error (HTTP 400)');
  });

  it.each([
    twilioError(429, 20429, 'Too Many Requests'),
    twilioError(401, 20003, 'Authenticate'),
    twilioError(500, 20500, 'Internal Server Error'),
    { status: 503, body: undefined },
  ])('leaves HTTP $status to the outbox to retry, after one request', async (reply) => {
    twilio.answer(reply);
    const error = await failure(sender().send(message));
    expect(error).not.toBeInstanceOf(PermanentSmsError);
    expect(error.message).toMatch(new RegExp(`^Twilio \\S+ \\(HTTP ${reply.status}\\)$`));
    expect(twilio.requests).toHaveLength(1);
  });

  it('does not follow a redirect with the credentials, and leaves it to be retried', async () => {
    twilio.answer({ status: 307, headers: { location: `${twilio.url}/elsewhere` } });
    const error = await failure(sender().send(message));
    expect(error).not.toBeInstanceOf(PermanentSmsError);
    expect(error.message).toBe('Twilio error (HTTP 307): redirects are not followed');
    expect(twilio.requests).toHaveLength(1);
  });

  it('leaves a refused connection to the outbox to retry', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(sender({ baseUrl: `http://127.0.0.1:${port}` }).send(message));
    expect(error).not.toBeInstanceOf(PermanentSmsError);
    expect(error.message).toBe('Twilio network error (ECONNREFUSED)');
  });

  it('gives up waiting on a provider that never answers, and leaves it to be retried', async () => {
    const silent = await startTwilioStandIn(ACCOUNT_SID);
    silent.hang();
    try {
      const error = await failure(sender({ baseUrl: silent.url, timeoutMs: 200 }).send(message));
      expect(error).not.toBeInstanceOf(PermanentSmsError);
      expect(error.message).toBe('Twilio timed out after 200 ms');
      expect(silent.requests).toHaveLength(1);
    } finally {
      await silent.stop();
    }
  });

  it('never puts the code, the number or the auth token into an error message', async () => {
    const replies = [
      twilioError(400, 21211, `The 'To' number ${TO} is not a valid phone number. Body: ${message.body}`),
      twilioError(503, 20503, `Service unavailable for ${TO}`),
    ];
    for (const reply of replies) {
      twilio.answer(reply);
      const error = await failure(sender().send(message));
      for (const secret of [CODE, TO, AUTH_TOKEN, TO.slice(1)]) expect(error.message).not.toContain(secret);
    }
  });

  it('refuses to be built without credentials or a sender', () => {
    expect(() => twilioSms({ accountSid: ACCOUNT_SID, authToken: '', from: '+15005550006' })).toThrow(
      /account SID and an auth token/,
    );
    expect(() => twilioSms({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })).toThrow(
      /sending number \(from\) or a messaging service SID/,
    );
  });
});

describe('consoleSms', () => {
  it('prints the message, code included, for development', async () => {
    const printed: string[] = [];
    await consoleSms((text) => printed.push(text)).send(message);
    expect(printed.join('')).toContain(`sms to ${TO}`);
    expect(printed.join('')).toContain(CODE);
  });
});
