/**
 * The Twilio transport: one `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` per message,
 * form-encoded, with HTTP Basic auth (Account SID : Auth Token), over `fetch` — no SDK. Twilio
 * answers 201 with the created Message, or an error `{code, message, more_info, status}`.
 */
import { readCapped } from '../../core/read-capped.js';
import { type OutgoingSms, PermanentSmsError, type SmsSender } from './sms-sender.js';

export interface TwilioSmsOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** The sending number (E.164) or alphanumeric sender id; needed unless `messagingServiceSid` is set. */
  readonly from?: string | undefined;
  /** A Messaging Service to pick the sender from its pool; sent beside `from` when both are set. */
  readonly messagingServiceSid?: string | undefined;
  /** Default `https://api.twilio.com`; another base is for a local stand-in. */
  readonly baseUrl?: string | undefined;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Per-request timeout in ms. Default 30 s, well inside the outbox's 60 s lease. */
  readonly timeoutMs?: number;
}

/**
 * Twilio's codes for a number that cannot take the message: not a valid number (21211), opted
 * out with STOP (21610), not reachable by SMS (21612), not a mobile number (21614).
 */
const RECIPIENT_CODES = new Set([21211, 21610, 21612, 21614]);

/** Error bodies are a few hundred bytes; more is not Twilio. */
const MAX_ERROR_BODY = 16_384;

/**
 * @example
 * const sms = twilioSms({ accountSid: 'AC…', authToken: process.env.TWILIO_AUTH_TOKEN!, from: '+14155550100' });
 */
export function twilioSms(options: TwilioSmsOptions): SmsSender {
  const { accountSid, authToken, from, messagingServiceSid } = options;
  if (!accountSid || !authToken)
    throw new Error('The Twilio SMS transport needs an account SID and an auth token');
  if (!from && !messagingServiceSid)
    throw new Error('The Twilio SMS transport needs a sending number (from) or a messaging service SID');
  const base = (options.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const post = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  function form(sms: OutgoingSms): string {
    const fields = new URLSearchParams({ To: sms.to });
    if (from) fields.set('From', from);
    if (messagingServiceSid) fields.set('MessagingServiceSid', messagingServiceSid);
    fields.set('Body', sms.body);
    return fields.toString();
  }

  return {
    async send(sms) {
      let response: Response;
      try {
        response = await post(url, {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
          },
          body: form(sms),
          // The credentials go to the configured host and nowhere else.
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new Error(`Twilio ${describeFetchError(error, timeoutMs)}`, { cause: error });
      }
      if (response.ok) {
        // The created Message echoes the body (the code): it is not read, and not kept.
        await response.body?.cancel().catch(() => {});
        return;
      }
      const code = await errorCode(response);
      const what = `Twilio ${code ?? 'error'} (HTTP ${response.status})`;
      // Throttling, outages, and credentials or permissions the operator can fix: worth another try.
      if (response.status >= 500 || [401, 403, 408, 429].includes(response.status)) throw new Error(what);
      if (response.status >= 300 && response.status < 400)
        throw new Error(`${what}: redirects are not followed`);
      // Twilio's message text quotes the number, so only the code is kept.
      throw new PermanentSmsError(what, { recipient: code !== undefined && RECIPIENT_CODES.has(code) });
    },
  };
}

/** The numeric `code` of a Twilio error body, if it has one. */
async function errorCode(response: Response): Promise<number | undefined> {
  try {
    const bytes = await readCapped(response.body, MAX_ERROR_BODY);
    if (!bytes) return undefined;
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { code?: unknown } | null;
    return typeof parsed?.code === 'number' && Number.isInteger(parsed.code) ? parsed.code : undefined;
  } catch {
    return undefined;
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  // undici puts the system error (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  return code ? `network error (${code})` : 'network error';
}
