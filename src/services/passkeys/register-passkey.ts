/**
 * Adds a passkey from the browser's answer to the registration options (recent sign-in
 * required): checked in full (WebAuthn §7.1, SECURITY.md WA-01) against a challenge issued to
 * this session, and refused with `PASSKEY_REJECTED` — the reason in `details.issues` — when any
 * check fails or the credential id is already registered, to this user or any other. From then
 * on a password alone no longer signs in; the answer is that of any added factor (a step-up to
 * aal2, recovery codes when the user had none) plus the new passkey.
 */
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Passkey } from '../../store/ports/passkey-store.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { type FactorAdded, factorAdded } from '../mfa/factor-changes.js';
import { recentSession } from '../mfa/recent-auth.js';
import { spendChallenge } from './ceremony-challenge.js';
import { DEFAULT_PASSKEY_NAME, readPasskeyName } from './passkey-name.js';
import { type PasskeyView, passkeyView } from './passkey-view.js';
import { relyingParty, verifyRegistration } from './webauthn.js';

export interface RegisterPasskeyInput {
  /** `PublicKeyCredential.toJSON()` of `navigator.credentials.create()`. */
  readonly response: unknown;
  /** What the user calls it; `Passkey` when absent. */
  readonly name?: unknown;
}

export interface PasskeyAdded extends FactorAdded {
  readonly passkey: PasskeyView;
}

const rejected = (reason: string) =>
  new GatehouseError('PASSKEY_REJECTED', 'The passkey could not be registered', {
    issues: [{ path: 'response', message: reason }],
  });

export async function registerPasskey(
  ctx: ServiceContext,
  accessToken: string,
  input: RegisterPasskeyInput,
  client: ClientInfo = {},
): Promise<PasskeyAdded> {
  const { user, session } = await recentSession(ctx, accessToken);
  const name = readPasskeyName(input.name, DEFAULT_PASSKEY_NAME);
  const verdict = await verifyRegistration(relyingParty(ctx.settings), {
    response: input.response,
    expectedChallenge: spendChallenge(ctx, { purpose: 'register', userId: user.id, boundTo: session.id }),
  });
  if (!verdict.ok) throw rejected(verdict.reason);
  const credential = verdict.passkey;
  if (await ctx.store.passkeys.findByCredentialId(credential.id))
    throw rejected('credential_already_registered');
  const now = ctx.clock.now();
  const passkey: Passkey = {
    id: newId('mfa', now, ctx.random),
    userId: user.id,
    credentialId: credential.id,
    publicKey: credential.publicKey,
    algorithm: credential.algorithm,
    counter: credential.counter,
    transports: credential.transports,
    aaguid: credential.aaguid,
    backupEligible: credential.backupEligible,
    backedUp: credential.backedUp,
    name,
    createdAt: now,
    lastUsedAt: null,
  };
  // The unique index decides between two registrations of one credential id at the same moment.
  if (!(await ctx.store.passkeys.add(passkey))) throw rejected('credential_already_registered');
  const added = await factorAdded(ctx, user, session, 'passkey', 'hwk', client);
  return { ...added, passkey: passkeyView(passkey) };
}
