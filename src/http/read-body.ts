/**
 * Reads request bodies: JSON for the API, `application/x-www-form-urlencoded` for the pages'
 * forms. The content type must match, and the size cap is enforced while reading, so an
 * oversized body is refused after at most `limit` bytes, whatever Content-Length claims.
 */
import { GatehouseError } from '../core/errors.js';
import { type IncomingRequest, payloadTooLarge } from './exchange.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

async function readText(request: IncomingRequest, limit: number): Promise<string> {
  if (Number(request.header('content-length') ?? Number.NaN) > limit) throw payloadTooLarge(limit);
  const bytes = await request.readBody(limit);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GatehouseError('VALIDATION_ERROR', 'The body is not valid UTF-8');
  }
}

export async function readJsonBody(request: IncomingRequest, limit: number): Promise<unknown> {
  if (!JSON_TYPE.test(request.header('content-type') ?? '')) {
    throw new GatehouseError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  const text = await readText(request, limit);
  if (text.trim() === '') throw new GatehouseError('VALIDATION_ERROR', 'The body is empty');
  try {
    return JSON.parse(text);
  } catch {
    throw new GatehouseError('VALIDATION_ERROR', 'The body is not valid JSON');
  }
}

/**
 * A form body as fields. Stricter than `URLSearchParams`, which turns a broken `%` escape into
 * U+FFFD without a word: here that is `VALIDATION_ERROR`, so a mangled token is reported as a
 * bad form rather than tried as a link.
 */
export async function readFormBody(request: IncomingRequest, limit: number): Promise<URLSearchParams> {
  if (!FORM_TYPE.test(request.header('content-type') ?? '')) {
    throw new GatehouseError('UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded');
  }
  const text = request.hasBody ? await readText(request, limit) : '';
  const fields = new URLSearchParams();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const [name, value] = at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    try {
      fields.append(decodeFormPart(name), decodeFormPart(value));
    } catch {
      throw new GatehouseError('VALIDATION_ERROR', 'The form body is not valid');
    }
  }
  return fields;
}

// `+` is a space in form encoding; `decodeURIComponent` throws on a broken escape or bad UTF-8.
function decodeFormPart(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, ' '));
}
