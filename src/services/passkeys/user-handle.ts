/**
 * The WebAuthn user handle of a Gatehouse user: the 16 bytes of the user id's UUID. It is stable
 * for the account's life, unique, and no personal data (WebAuthn §14.6.1 asks that it not be
 * the email or a username), so a passkey sign-in can name the account and nothing more.
 */
import { decodeId, type UserId } from '../../core/ids.js';

/** The raw bytes `navigator.credentials.create()` stores with the passkey. */
export function userHandleOf(userId: UserId): Uint8Array {
  return new Uint8Array(Buffer.from(decodeId(userId).uuid.replaceAll('-', ''), 'hex'));
}

/** The user handle as assertions carry it: base64url, no padding. */
export function userHandleText(userId: UserId): string {
  return Buffer.from(userHandleOf(userId)).toString('base64url');
}
