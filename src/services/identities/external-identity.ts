/**
 * What an outside identity provider asserted about a person, once its answer passed every
 * check (an OpenID Connect ID token, a third-party ID token, an OAuth user API): who they are
 * there — the issuer and subject, the only key — and what it says about their address.
 */
export interface ExternalIdentity {
  /** The configured provider's name. */
  readonly provider: string;
  /** Exactly as the provider names itself (`iss`). */
  readonly issuer: string;
  /** The provider's stable id for the account (`sub`); never empty. */
  readonly subject: string;
  /** The address the provider gave, as given; may be absent. */
  readonly email: string | null;
  /** Whether the provider says it verified that address (`email_verified: true`, nothing less). */
  readonly emailVerified: boolean;
  readonly name: string | null;
}
