/**
 * The refusals a way in can answer, as a page shows them: the person's words (from the locale,
 * never the operation's English) next to the field they are about, and the page's status. An
 * error that is not one of these is not the person's to fix: it goes on to the refusal page.
 */
import { isGatehouseError } from '../../core/errors.js';
import type { PageView } from '../../http/route.js';
import type { FieldError } from '../forms.js';
import { signInStringsFor } from '../locales/sign-in/index.js';
import { minutesToWait } from './finish.js';

export interface Refusal {
  readonly status: number;
  readonly error: FieldError;
}

/**
 * The refusal shown for `error` next to `field`, or undefined for an error the page does not
 * expect. `wrong` is the message for a wrong secret (password, passkey, code) and
 * `invalid` the one for input the operation could not read.
 */
export function signInRefusal(
  view: PageView,
  error: unknown,
  field: string,
  messages: {
    readonly wrong: string;
    readonly invalid: string;
    /** For `NOT_A_MEMBER` (the console's sign-in says so plainly); else "not available here". */
    readonly notMember?: string;
  },
): Refusal | undefined {
  if (!isGatehouseError(error)) return undefined;
  const s = signInStringsFor(view).errors;
  const at = (status: number, message: string): Refusal => ({ status, error: { field, message } });
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
    case 'INVALID_CODE':
      return at(400, messages.wrong);
    case 'VALIDATION_ERROR':
      return at(400, messages.invalid);
    case 'RATE_LIMITED':
      return at(429, s.locked(minutesToWait(error)));
    case 'USER_SUSPENDED':
      return at(403, s.suspended);
    case 'EMAIL_NOT_VERIFIED':
      return at(403, s.notVerified);
    case 'SIGN_UP_CLOSED':
      return at(403, s.signUpClosed);
    case 'NOT_A_MEMBER':
      return at(403, messages.notMember ?? s.methodNotAllowed);
    case 'AUTH_METHOD_NOT_ALLOWED':
    case 'APP_INACTIVE':
      return at(403, s.methodNotAllowed);
    default:
      return undefined;
  }
}
