/**
 * `/confirm-email-change`: the page the mail to the NEW address links to. Its button posts the
 * token to the same operation as `POST /auth/confirm-email-change`; without a session in the
 * request, every session of the account ends.
 */
import { isGatehouseError } from '../../core/errors.js';
import type { PageRoute } from '../../http/route.js';
import { STATUS_BY_CODE } from '../../http/status.js';
import { html } from '../html.js';
import { linkErrorPage, linkToken, missingLinkPage, useLinkPage } from '../mailed-link.js';
import { problemPage, resultPage } from '../notice.js';
import { relative, seeOther, stringsFor } from '../view.js';

const PATH = '/confirm-email-change';

export const confirmEmailChangePage: PageRoute = {
  path: PATH,
  limitedAs: 'confirmEmailChange',
  show(view) {
    const s = stringsFor(view).confirmEmailChange;
    if (view.query.get('result') === 'confirmed') return resultPage(view, s.done);
    const token = linkToken(view);
    if (token === undefined) return missingLinkPage(view, html`<p>${s.nextStep}</p>`);
    return useLinkPage(view, PATH, s, token);
  },
  async submit(submission) {
    const s = stringsFor(submission).confirmEmailChange;
    const next = html`<p>${s.nextStep}</p>`;
    try {
      await submission.ops.confirmEmailChange(
        submission.form.get('token') ?? '',
        undefined,
        submission.client,
      );
    } catch (error) {
      if (isGatehouseError(error) && error.code === 'USER_EXISTS')
        return problemPage(submission, STATUS_BY_CODE.USER_EXISTS, s.taken, next);
      return linkErrorPage(submission, error, next);
    }
    return seeOther(`${relative(PATH)}?result=confirmed`);
  },
};
