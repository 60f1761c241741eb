/**
 * `/cancel-email-change`: the page both links mailed to the OLD address open — "cancel the
 * change" while it is pending, "undo it" once it is done. Its button posts the token to the same
 * operation as `POST /auth/cancel-email-change`; the result page says which of the two happened.
 */
import { isGatehouseError } from '../../core/errors.js';
import type { PageRoute } from '../../http/route.js';
import { STATUS_BY_CODE } from '../../http/status.js';
import { html } from '../html.js';
import { linkErrorPage, linkToken, missingLinkPage, useLinkPage } from '../mailed-link.js';
import { problemPage, resultPage } from '../notice.js';
import { relative, seeOther, stringsFor } from '../view.js';

const PATH = '/cancel-email-change';
const FORGOT = 'forgot-password';

export const cancelEmailChangePage: PageRoute = {
  path: PATH,
  limitedAs: 'cancelEmailChange',
  show(view) {
    const s = stringsFor(view).cancelEmailChange;
    const reset = html`<p><a href="${FORGOT}">${s.resetLink}</a></p>`;
    const result = view.query.get('result');
    if (result === 'cancelled') return resultPage(view, s.cancelled, reset);
    if (result === 'undone') return resultPage(view, s.undone, reset);
    const token = linkToken(view);
    if (token === undefined) return missingLinkPage(view, html`<p>${s.nextStep}</p>${reset}`);
    return useLinkPage(view, PATH, s, token);
  },
  async submit(submission) {
    const s = stringsFor(submission).cancelEmailChange;
    const next = html`<p>${s.nextStep}</p><p><a href="${FORGOT}">${s.resetLink}</a></p>`;
    let reverted: boolean;
    try {
      ({ reverted } = await submission.ops.cancelEmailChange(
        submission.form.get('token') ?? '',
        submission.client,
      ));
    } catch (error) {
      if (isGatehouseError(error) && error.code === 'USER_EXISTS')
        return problemPage(submission, STATUS_BY_CODE.USER_EXISTS, s.taken, next);
      return linkErrorPage(submission, error, next);
    }
    return seeOther(`${relative(PATH)}?result=${reverted ? 'undone' : 'cancelled'}`);
  },
};
