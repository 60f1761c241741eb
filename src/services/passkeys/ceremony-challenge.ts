/**
 * The challenge of one WebAuthn ceremony: 32 random bytes, stored as a digest with the purpose
 * and the user, session or pending sign-in the ceremony belongs to, alive for
 * `passkeys.challengeTtl`. Verifying spends it (once, even under concurrent calls), so an answer
 * can never be replayed, nor used for another purpose, session, sign-in or user.
 */
import { createHash } from 'node:crypto';
import { newId } from '../../core/ids.js';
import type { WebAuthnChallengeBinding } from '../../store/ports/webauthn-challenge-store.js';
import type { ServiceContext } from '../context.js';
import type { ExpectedChallenge } from './webauthn.js';

const CHALLENGE_BYTES = 32;
/** Longer than any challenge we issue (43 characters): not worth a lookup. */
const MAX_PRESENTED = 128;

const digestOf = (challenge: string) => createHash('sha256').update(challenge).digest('base64url');

/** A new challenge, stored with its binding; the bytes go into the ceremony's options. */
export async function issueChallenge(
  ctx: ServiceContext,
  binding: WebAuthnChallengeBinding,
): Promise<Uint8Array> {
  const now = ctx.clock.now();
  const challenge = ctx.random.bytes(CHALLENGE_BYTES);
  await ctx.store.webauthnChallenges.create({
    id: newId('chl', now, ctx.random),
    digest: digestOf(Buffer.from(challenge).toString('base64url')),
    ...binding,
    createdAt: now,
    expiresAt: now + ctx.settings.passkeys.challengeTtl * 1000,
  });
  return challenge;
}

/**
 * The check the WebAuthn verifier calls with the challenge an answer presents: true when it is
 * a live challenge of this binding, which it spends.
 */
export function spendChallenge(ctx: ServiceContext, binding: WebAuthnChallengeBinding): ExpectedChallenge {
  return async (presented) =>
    presented.length > 0 &&
    presented.length <= MAX_PRESENTED &&
    ctx.store.webauthnChallenges.consume(digestOf(presented), binding, ctx.clock.now());
}
