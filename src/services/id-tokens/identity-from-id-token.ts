/**
 * From a request's `{provider, idToken, nonce?}` to the identity the token proves: the provider
 * is looked up by the name the request gives (`PROVIDER_NOT_FOUND` otherwise), then every check
 * of `verify-id-token.ts` runs. Any failed check is one `INVALID_ID_TOKEN` with one message —
 * which check failed goes to the caller's `onRejected` (the audit log), never to the client.
 * Keys that cannot be fetched are the provider's outage, not the client's fault: `UNAVAILABLE`.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import type { ExternalIdentity } from '../identities/external-identity.js';
import { idTokenProvider } from './id-token-provider.js';
import { KeysUnavailable } from './key-sets.js';
import { IdTokenRejected, verifyIdToken } from './verify-id-token.js';

export interface IdTokenInput {
  /** The configured provider's name (`firebase`, `google`, `apple`…). */
  readonly provider: string;
  /** The ID token, as the provider's SDK handed it over. */
  readonly idToken: string;
  /** The raw nonce the app made for this sign-in, when it made one. */
  readonly nonce?: string | null;
}

/** Longer than any real ID token (Firebase's with custom claims stay under 3 KB). */
export const MAX_ID_TOKEN_LENGTH = 8192;
export const MAX_NONCE_LENGTH = 512;

export type RejectionRecorder = (provider: string, reason: string) => Promise<void>;

export async function identityFromIdToken(
  ctx: ServiceContext,
  input: IdTokenInput,
  onRejected: RejectionRecorder,
): Promise<ExternalIdentity> {
  const { provider: name, idToken, nonce } = readInput(input);
  const provider = idTokenProvider(ctx.settings, name);
  if (!provider) throw new GatehouseError('PROVIDER_NOT_FOUND', 'No such ID-token provider');
  try {
    return await verifyIdToken(
      provider,
      ctx.idTokenKeys.resolver(provider.jwksUrl),
      idToken,
      nonce,
      ctx.clock.now(),
    );
  } catch (error) {
    if (error instanceof KeysUnavailable) {
      await onRejected(provider.name, 'keys_unavailable');
      throw new GatehouseError(
        'UNAVAILABLE',
        'The identity provider cannot be reached right now; try again later',
        {},
        { cause: error },
      );
    }
    if (!(error instanceof IdTokenRejected)) throw error;
    await onRejected(provider.name, error.reason);
    throw new GatehouseError('INVALID_ID_TOKEN', 'The ID token is not valid');
  }
}

/** The input's shape, for callers that skip the HTTP schema (embedded use). */
function readInput(input: IdTokenInput): { provider: string; idToken: string; nonce: string | null } {
  const invalid = (path: string, message: string) =>
    new GatehouseError('VALIDATION_ERROR', `${path} ${message}`, { issues: [{ path, message }] });
  if (typeof input !== 'object' || input === null) throw invalid('idToken', 'is required');
  const { provider, idToken, nonce } = input;
  if (typeof provider !== 'string' || provider === '' || provider.length > 64) {
    throw invalid('provider', 'must be a provider name');
  }
  if (typeof idToken !== 'string' || idToken === '' || idToken.length > MAX_ID_TOKEN_LENGTH) {
    throw invalid('idToken', `must be a string of at most ${MAX_ID_TOKEN_LENGTH} characters`);
  }
  if (nonce !== undefined && nonce !== null) {
    if (typeof nonce !== 'string' || nonce === '' || nonce.length > MAX_NONCE_LENGTH) {
      throw invalid('nonce', `must be a string of at most ${MAX_NONCE_LENGTH} characters`);
    }
  }
  return { provider, idToken, nonce: nonce ?? null };
}
