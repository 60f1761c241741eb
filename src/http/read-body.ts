/**
 * Reads a JSON request body with a size cap enforced while reading, so an oversized body is
 * refused after at most `limit` bytes, whatever Content-Length claims.
 */
import { GatehouseError } from '../core/errors.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new GatehouseError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  const bytes = await readCapped(request, limit);
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

/** True when the request has no body at all (used where a body is optional). */
export function hasNoBody(request: Request): boolean {
  return request.body === null || request.headers.get('content-length') === '0';
}

async function readCapped(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function tooLarge(limit: number): GatehouseError {
  return new GatehouseError('PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes`);
}
