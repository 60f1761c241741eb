/**
 * Operators for admin API tests, made the way a real one is: an account with an authenticator
 * app, a member of the console app with a role there, signed in at the console with a second
 * factor (aal2, which the admin API needs by default).
 */
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { isMfaChallenge } from '../../src/services/mfa/pending-sign-in.js';
import { PASSWORD, signedIn, type TestGatehouse, uniqueEmail } from './gatehouse.js';

export const CONSOLE = { app: CONSOLE_APP_ID } as const;

export interface SignedInOperator {
  readonly userId: string;
  readonly email: string;
  /** An aal2 access token at the console app. */
  readonly accessToken: string;
  readonly totpSecret: Uint8Array;
  /** Authorization and nothing else: admin routes take the bearer's own app. */
  readonly headers: Record<string, string>;
}

/**
 * A console member with `role` (`admin` unless given), signed in at the console with a password
 * and a TOTP code. Advances the test clock by a TOTP step so the code is fresh.
 */
export async function signInOperator(
  t: TestGatehouse,
  options: { role?: string; email?: string } = {},
): Promise<SignedInOperator> {
  const email = options.email ?? uniqueEmail('operator');
  const up = signedIn(await t.gatehouse.signUp({ email, password: PASSWORD }));
  const enrolment = await t.gatehouse.enrollTotp(up.accessToken);
  const secret = base32Decode(enrolment.secret);
  const code = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
  await t.gatehouse.activateTotp(up.accessToken, code());
  await t.gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: options.role ?? 'admin' });
  const accessToken = await consoleSession(t, email, () => {
    t.clock.advance(30_000);
    return code();
  });
  return {
    userId: up.user.id,
    email,
    accessToken,
    totpSecret: secret,
    headers: { authorization: `Bearer ${accessToken}` },
  };
}

/** Signs in at the console app; `code` gives the TOTP code when a second factor is asked for. */
export async function consoleSession(t: TestGatehouse, email: string, code: () => string): Promise<string> {
  const first = await t.gatehouse.signIn({ email, password: PASSWORD }, CONSOLE);
  if (!isMfaChallenge(first)) return first.accessToken;
  const done = await t.gatehouse.verifyMfa(
    { mfaToken: first.mfaToken, method: 'totp', code: code() },
    CONSOLE,
  );
  return signedIn(done).accessToken;
}
