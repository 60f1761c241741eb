/**
 * What the browser sends in a WebAuthn ceremony, parsed from `unknown` (the response schemas the
 * HTTP layer can describe too), and the checks registration and assertion share: client data
 * (type, challenge, origin, no cross-origin frame) and authenticator data (RP ID hash, UP, UV).
 */
import { createHash } from 'node:crypto';
import type { parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import type { RelyingParty } from './relying-party.js';

/** The challenge the service issued (its base64url), or a check called once with the one presented. */
export type ExpectedChallenge = string | ((challenge: string) => boolean | Promise<boolean>);

/** base64url without padding, as `toJSON()` and @simplewebauthn/browser write it. */
const base64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/)
    .refine((s) => s.length % 4 !== 1, 'not base64url');

const idFields = {
  // Room for ids past the 1023-byte cap, so those get their own reason instead of `malformed`.
  id: base64url(4096).min(1),
  rawId: base64url(4096).min(1),
  type: z.literal('public-key'),
};

/** A registration answer (`PublicKeyCredential.toJSON()` of `create()`), for the HTTP layer to describe. */
export const registrationResponseSchema = z.object({
  ...idFields,
  response: z.object({
    clientDataJSON: base64url(8192),
    attestationObject: base64url(64 * 1024),
    transports: z.array(z.string().max(32)).max(16).optional(),
  }),
});

/** An assertion (`PublicKeyCredential.toJSON()` of `get()`), for the HTTP layer to describe. */
export const assertionResponseSchema = z.object({
  ...idFields,
  response: z.object({
    clientDataJSON: base64url(8192),
    authenticatorData: base64url(8192),
    signature: base64url(2048),
    userHandle: base64url(128).nullish(),
  }),
});

const clientDataSchema = z.object({
  type: z.string(),
  challenge: z.string(),
  origin: z.string(),
  crossOrigin: z.boolean().optional(),
  topOrigin: z.string().optional(),
  tokenBinding: z
    .object({ status: z.enum(['present', 'supported', 'not-supported', 'notSupported']) })
    .optional(),
});

export const bytes = (b64url: string) => new Uint8Array(Buffer.from(b64url, 'base64url'));
const sha256 = (text: string) => createHash('sha256').update(text).digest();

export type ClientDataRefusal =
  | 'malformed'
  | 'type_mismatch'
  | 'challenge_mismatch'
  | 'origin_mismatch'
  | 'cross_origin';

/** §7.1 steps 7–10 / §7.2 steps 11–14: the client data's type, challenge and origin. */
export async function checkClientData(
  rp: RelyingParty,
  encoded: string,
  type: 'webauthn.create' | 'webauthn.get',
  expected: ExpectedChallenge,
): Promise<{ ok: true; challenge: string; origin: string } | { ok: false; reason: ClientDataRefusal }> {
  let parsed: z.infer<typeof clientDataSchema>;
  try {
    parsed = clientDataSchema.parse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (parsed.type !== type) return { ok: false, reason: 'type_mismatch' };
  const challengeOk =
    typeof expected === 'string' ? parsed.challenge === expected : await expected(parsed.challenge);
  if (!challengeOk) return { ok: false, reason: 'challenge_mismatch' };
  if (!rp.origins.includes(parsed.origin)) return { ok: false, reason: 'origin_mismatch' };
  // Gatehouse offers no ceremony inside another site's iframe.
  if (parsed.crossOrigin === true || parsed.topOrigin !== undefined)
    return { ok: false, reason: 'cross_origin' };
  return { ok: true, challenge: parsed.challenge, origin: parsed.origin };
}

export type Flags = ReturnType<typeof parseAuthenticatorData>['flags'];

/** §7.1 steps 13–15 / §7.2 steps 15–17: the RP ID hash, then user presence and verification. */
export function checkAuthenticator(
  rp: RelyingParty,
  rpIdHash: Uint8Array,
  flags: Flags,
): 'rp_id_mismatch' | 'user_not_present' | 'user_not_verified' | null {
  if (!sha256(rp.id).equals(rpIdHash)) return 'rp_id_mismatch';
  if (!flags.up) return 'user_not_present';
  if (rp.userVerification === 'required' && !flags.uv) return 'user_not_verified';
  return null;
}
