/**
 * Prefixed, time-sortable identifiers: `<type>_<32 lowercase hex of a UUID>`, new ones UUIDv7.
 * Follows the Flametrench id wire format (see test/conformance/ids.test.ts).
 */
import type { Random } from './random.js';

/** Every registered id type. `usr`…`tup` are the wire format's own; the rest are Gatehouse's. */
export const ID_TYPES = [
  'usr',
  'org',
  'ses',
  'mem',
  'inv',
  'cred',
  'tup',
  'key',
  'rtk',
  'evt',
  'obx',
  /** A second factor: a TOTP authenticator, a passkey or a phone. */
  'mfa',
  /** A sign-in waiting for its second factor. */
  'psi',
  /** A one-time code sent by SMS. */
  'otc',
  /** A WebAuthn ceremony's challenge. */
  'chl',
  /** A linked identity at an outside identity provider. */
  'idn',
  /** A pending passwordless sign-in: a magic link or a code sent by mail. */
  'esi',
  /** An app sharing the user base (its members, roles, plans and sign-in methods). */
  'app',
  /** A personal access token; the id is the token's public part (`pat_<hex>_<secret>`). */
  'pat',
] as const;
export type IdType = (typeof ID_TYPES)[number];

/** A branded id string, e.g. `Id<'usr'>` is a user id. */
export type Id<T extends IdType> = `${T}_${string}` & { readonly __id: T };
export type UserId = Id<'usr'>;
export type SessionId = Id<'ses'>;
export type CredentialId = Id<'cred'>;
export type FactorId = Id<'mfa'>;
export type PendingSignInId = Id<'psi'>;
export type IdentityId = Id<'idn'>;
export type AppId = Id<'app'>;
export type PatId = Id<'pat'>;
export type InvitationId = Id<'inv'>;

export class InvalidIdError extends Error {
  override readonly name = 'InvalidIdError';
}
export class InvalidTypeError extends Error {
  override readonly name = 'InvalidTypeError';
}

const TYPE_SET: ReadonlySet<string> = new Set(ID_TYPES);
const PAYLOAD = /^[0-9a-f]{32}$/;

function checkPayload(hex: string): void {
  if (!PAYLOAD.test(hex)) throw new InvalidIdError('Id payload must be 32 lowercase hex characters');
  const version = hex.charCodeAt(12) - 48;
  // Nil (0) and Max (f) UUIDs and versions outside 1..8 are not ids.
  if (version < 1 || version > 8) throw new InvalidIdError('Id payload has an invalid UUID version');
}

/** Encodes a UUID (any case, with or without dashes) as a prefixed id. */
export function encodeId<T extends IdType>(type: T, uuid: string): Id<T> {
  if (!TYPE_SET.has(type)) throw new InvalidTypeError(`Unregistered id type "${type}"`);
  const hex = uuid.replace(/-/g, '').toLowerCase();
  if (
    !/^[0-9a-f]{32}$/.test(hex) ||
    !/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(uuid)
  ) {
    throw new InvalidIdError('Not a UUID');
  }
  return `${type}_${hex}` as Id<T>;
}

/** Decodes a prefixed id into its type and canonical UUID; throws on anything malformed. */
export function decodeId(id: string): { type: IdType; uuid: string } {
  const sep = id.indexOf('_');
  if (sep <= 0) throw new InvalidIdError('Id has no type separator');
  const type = id.slice(0, sep);
  if (!TYPE_SET.has(type)) throw new InvalidTypeError(`Unregistered id type "${type}"`);
  const hex = id.slice(sep + 1);
  checkPayload(hex);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { type: type as IdType, uuid };
}

/** True when `id` decodes (and, if given, has `expectedType`). Never throws. */
export function isValidId<T extends IdType>(id: unknown, expectedType?: T): id is Id<T> {
  if (typeof id !== 'string') return false;
  try {
    const { type } = decodeId(id);
    return expectedType === undefined || type === expectedType;
  } catch {
    return false;
  }
}

/** The type prefix of a valid id; throws like `decodeId` on a malformed one. */
export function idType(id: string): IdType {
  return decodeId(id).type;
}

/** A new UUIDv7 id: 48-bit millisecond timestamp, version 7, RFC 4122 variant, random rest. */
export function newId<T extends IdType>(type: T, nowMs: number, random: Random): Id<T> {
  const bytes = random.bytes(16);
  let ms = nowMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return `${type}_${Buffer.from(bytes).toString('hex')}` as Id<T>;
}

/**
 * A generator of ids that sort in creation order even within one millisecond (RFC 9562 §6.2,
 * method 1: a 12-bit counter in `rand_a`, seeded randomly each new millisecond; on overflow the
 * timestamp moves on by one). For records whose order matters, such as the audit log.
 */
export function monotonicIds(random: Random): <T extends IdType>(type: T, nowMs: number) => Id<T> {
  let lastMs = -1;
  let counter = 0;
  return <T extends IdType>(type: T, nowMs: number): Id<T> => {
    let ms = Math.max(nowMs, lastMs);
    if (ms === lastMs) {
      counter++;
      if (counter > 0xfff) {
        ms++;
        counter = 0;
      }
    } else {
      // Start low in the range so a burst has room before it spills into the next millisecond.
      counter = random.bytes(1)[0]! & 0x7f;
    }
    lastMs = ms;
    const id = newId(type, ms, random);
    const hex = id.slice(type.length + 1);
    const randA = (0x7000 | counter).toString(16);
    return `${type}_${hex.slice(0, 12)}${randA}${hex.slice(16)}` as Id<T>;
  };
}
