/**
 * Branded strings for secret-bearing values, so a raw token can never reach a store
 * method that expects its hash, nor a hash be handed to a client.
 */

/** A refresh token as handed to the client (raw, never stored). */
export type RefreshToken = string & { readonly __secret: 'RefreshToken' };
/** SHA-256 (base64url) of a bearer secret: the only form in which such secrets are stored. */
export type TokenHash = string & { readonly __secret: 'TokenHash' };
/** A password hash in PHC (or bcrypt modular crypt) format. */
export type PasswordHash = string & { readonly __secret: 'PasswordHash' };
/** A password as typed by the user. */
export type PlainPassword = string & { readonly __secret: 'PlainPassword' };
