/**
 * Reads a JSON request body: the content type must be JSON, and the size cap is enforced while
 * reading, so an oversized body is refused after at most `limit` bytes, whatever
 * Content-Length claims.
 */
import { GatehouseError } from '../core/errors.js';
import { type IncomingRequest, payloadTooLarge } from './exchange.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export async function readJsonBody(request: IncomingRequest, limit: number): Promise<unknown> {
  if (!JSON_TYPE.test(request.header('content-type') ?? '')) {
    throw new GatehouseError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  if (Number(request.header('content-length') ?? Number.NaN) > limit) throw payloadTooLarge(limit);
  const bytes = await request.readBody(limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GatehouseError('VALIDATION_ERROR', 'The body is not valid UTF-8');
  }
  if (text.trim() === '') throw new GatehouseError('VALIDATION_ERROR', 'The body is empty');
  try {
    return JSON.parse(text);
  } catch {
    throw new GatehouseError('VALIDATION_ERROR', 'The body is not valid JSON');
  }
}
