/**
 * The secrets of a provider sign-in: `state`, `nonce`, the PKCE verifier and the browser binding
 * — each 256 random bits from the instance's randomness. The verifier is kept sealed in the flow
 * row and the binding sealed in its cookie (AES-256-GCM under a key derived from the instance
 * secret), each tagged with what it is, so one can never be passed off as the other or as any
 * other sealed value; a cookie that does not open is simply not a binding.
 */
import { createHash } from 'node:crypto';
import { newOpaqueToken } from '../../crypto/opaque-token.js';
import type { ServiceContext } from '../context.js';

type Sealed = 'oauth-binding' | 'oauth-pkce';

/** A new flow secret: 256 bits, base64url (43 characters; a valid PKCE verifier as it is). */
export function newFlowSecret(ctx: ServiceContext): string {
  return newOpaqueToken<string>(ctx.random);
}

/** A flow secret's shape: what `newFlowSecret` makes, and nothing else. */
export const FLOW_SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function seal(ctx: ServiceContext, kind: Sealed, value: string): string {
  return ctx.factorSeal.seal(`${kind}:${value}`);
}

/** The value sealed as `kind`, or null for anything else (forged, truncated, another kind). */
export function open(ctx: ServiceContext, kind: Sealed, sealed: unknown): string | null {
  if (typeof sealed !== 'string' || sealed.length > 512) return null;
  let plain: string;
  try {
    plain = ctx.factorSeal.open(sealed);
  } catch {
    return null;
  }
  return plain.startsWith(`${kind}:`) ? plain.slice(kind.length + 1) : null;
}
