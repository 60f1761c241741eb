/** A linked identity as its owner sees it: which provider and address — not the provider's ids. */
import type { Identity } from '../../store/ports/identity-store.js';

export interface IdentityView {
  readonly id: string;
  readonly provider: string;
  readonly email: string | null;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function identityView(identity: Identity): IdentityView {
  return {
    id: identity.id,
    provider: identity.provider,
    email: identity.email,
    createdAt: iso(identity.createdAt),
    lastUsedAt: identity.lastUsedAt === null ? null : iso(identity.lastUsedAt),
  };
}
