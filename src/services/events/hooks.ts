/**
 * Before-hooks: an app's chance to refuse or adjust an operation before it happens, e.g. allow
 * sign-up only from some email domains. A refusal reaches the client as `SIGN_UP_REJECTED`
 * with the hook's message.
 */
import { GatehouseError } from '../../core/errors.js';

/** How a new account is being made. */
export type SignUpMethod = 'password' | 'username' | 'oauth' | 'id_token' | 'magic_link' | 'email_code';

export interface SignUpAttempt {
  /**
   * Canonical address; null for a username sign-up without one, or a provider that gave no
   * verified address.
   */
  readonly email: string | null;
  /** Canonical username, for a username sign-up. */
  readonly username?: string | null;
  readonly name: string | null;
  /** `password` when absent (the email sign-up). */
  readonly method?: SignUpMethod;
  /** The provider's name, for `oauth` and `id_token`. */
  readonly provider?: string;
}

/** Return nothing to allow, `{ name }` to adjust, `{ reject: 'why' }` to refuse. */
export type BeforeSignUpResult = undefined | { readonly name?: string | null } | { readonly reject: string };

export interface Hooks {
  readonly beforeSignUp?: (attempt: SignUpAttempt) => BeforeSignUpResult | Promise<BeforeSignUpResult>;
}

export async function runBeforeSignUp(hooks: Hooks, attempt: SignUpAttempt): Promise<SignUpAttempt> {
  const result = await hooks.beforeSignUp?.(attempt);
  if (!result) return attempt;
  if ('reject' in result)
    throw new GatehouseError('SIGN_UP_REJECTED', result.reject || 'Sign-up is not allowed');
  return { ...attempt, name: result.name === undefined ? attempt.name : result.name };
}
