/**
 * `/sign-in/mfa`: the forms of the second step post here (the step itself is first shown as the
 * answer of the form that did the first one; see `sign-in/mfa-step.ts`). A code or an assertion
 * goes to `verifyMfa` — the session then goes to the browser as cookies on a 303 to `returnTo` —
 * and "text me a code" to `sendSignInSmsCode`. A wrong code is said next to its field, a lockout
 * as a message with the wait; a sign-in that expired, was finished or was voided starts again.
 * There is nothing to show without a pending sign-in, so a GET goes to the sign-in page.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageReply, PageRoute, PageSubmission } from '../../../http/route.js';
import type { MfaMethod } from '../../../services/mfa/second-factor.js';
import { html } from '../../html.js';
import { signInStringsFor } from '../../locales/sign-in/index.js';
import { problemPage } from '../../notice.js';
import { sessionServes, signInClient } from '../../sign-in/console.js';
import { minutesToWait } from '../../sign-in/finish.js';
import { MFA_FIELDS, MFA_PATH, type MfaStep, mfaStepPage, stepFromForm } from '../../sign-in/mfa-step.js';
import { requestedReturn, withReturn } from '../../sign-in/return-to.js';
import { seeOther } from '../../view.js';

function expired(submission: PageSubmission, step: MfaStep): PageReply {
  const s = signInStringsFor(submission).mfa;
  return problemPage(
    submission,
    400,
    s.expired,
    html`<p><a href="${withReturn('/sign-in', step.returnTo)}">${s.signInAgain}</a></p>`,
  );
}

async function sendSms(submission: PageSubmission, step: MfaStep): Promise<PageReply> {
  const s = signInStringsFor(submission).mfa;
  try {
    await submission.ops.sendSignInSmsCode(step.mfaToken, signInClient(submission, step.returnTo));
    return mfaStepPage(submission, 200, { ...step, smsSent: true });
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    if (error.code === 'INVALID_MFA_TOKEN' || error.code === 'VALIDATION_ERROR')
      return expired(submission, step);
    const known: Partial<Record<string, [number, string]>> = {
      RATE_LIMITED: [429, s.smsUnavailable],
      UNAVAILABLE: [503, s.smsUnavailable],
      MFA_METHOD_UNAVAILABLE: [400, s.methodUnavailable],
    };
    const refusal = known[error.code];
    if (!refusal) throw error;
    return mfaStepPage(submission, refusal[0], {
      ...step,
      errors: [{ field: MFA_FIELDS.sms, message: refusal[1] }],
    });
  }
}

async function verify(submission: PageSubmission, step: MfaStep, method: MfaMethod): Promise<PageReply> {
  const s = signInStringsFor(submission).mfa;
  const field = MFA_FIELDS[method];
  // The SMS form with its code field stays open when its code was wrong.
  const again = { ...step, smsSent: step.smsSent || method === 'sms' };
  const refuse = (status: number, message: string) =>
    mfaStepPage(submission, status, { ...again, errors: [{ field, message }] });
  const code = submission.form.get('code') ?? '';
  let assertion: unknown;
  if (method === 'passkey') {
    try {
      assertion = JSON.parse(submission.form.get('assertion') ?? '');
    } catch {
      return refuse(400, s.passkeyRejected);
    }
  } else if (code.trim() === '') {
    // Not sent on: an empty field is a slip, not a try that counts against the account.
    return refuse(400, s.codeMissing);
  }
  try {
    const result = await submission.ops.verifyMfa(
      { mfaToken: step.mfaToken, method, ...(method === 'passkey' ? { assertion } : { code }) },
      // The pending sign-in is bound to its app: a console sign-in finishes at the console.
      signInClient(submission, step.returnTo),
    );
    return { kind: 'redirect', location: step.returnTo, signedIn: result };
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    const wrong =
      method === 'passkey'
        ? s.passkeyRejected
        : method === 'recovery_code'
          ? s.wrongRecoveryCode
          : s.wrongCode;
    switch (error.code) {
      case 'INVALID_MFA_TOKEN':
        return expired(submission, step);
      case 'INVALID_CODE':
        return refuse(400, wrong);
      case 'VALIDATION_ERROR':
        return refuse(400, method === 'passkey' || method === 'recovery_code' ? wrong : s.codeMalformed);
      case 'RATE_LIMITED':
        return refuse(429, s.locked(minutesToWait(error)));
      case 'MFA_METHOD_UNAVAILABLE':
        return refuse(400, s.methodUnavailable);
      default:
        throw error;
    }
  }
}

export const signInMfaPage: PageRoute = {
  path: MFA_PATH,
  limitedAs: 'verifyMfa',
  show(view) {
    const returnTo = requestedReturn(view);
    return seeOther(sessionServes(view, returnTo) ? returnTo : withReturn('/sign-in', returnTo));
  },
  async submit(submission) {
    const step = stepFromForm(submission.form);
    if (step.mfaToken === '') return expired(submission, step);
    const intent = submission.form.get('intent');
    if (intent === 'show') return mfaStepPage(submission, 200, step);
    const method = step.methods.find((m) => m === submission.form.get('method'));
    if (method === undefined) return expired(submission, step);
    if (intent === 'send-sms' && method === 'sms') return sendSms(submission, step);
    return verify(submission, step, method);
  },
};
