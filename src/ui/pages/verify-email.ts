/**
 * `/verify-email`: the page the sign-up mail links to. Showing it changes nothing; its button
 * posts the token to the same operation as `POST /auth/verify-email`.
 */
import type { PageRoute } from '../../http/route.js';
import { html } from '../html.js';
import { linkErrorPage, linkToken, missingLinkPage, useLinkPage } from '../mailed-link.js';
import { resultPage } from '../notice.js';
import { relative, seeOther, stringsFor } from '../view.js';

const PATH = '/verify-email';

export const verifyEmailPage: PageRoute = {
  path: PATH,
  limitedAs: 'verifyEmail',
  show(view) {
    const s = stringsFor(view).verifyEmail;
    const next = html`<p>${s.nextStep}</p>`;
    if (view.query.get('result') === 'verified') return resultPage(view, s.done);
    const token = linkToken(view);
    if (token === undefined) return missingLinkPage(view, next);
    return useLinkPage(view, PATH, s, token);
  },
  async submit(submission) {
    try {
      await submission.ops.verifyEmail(submission.form.get('token') ?? '');
    } catch (error) {
      return linkErrorPage(submission, error, html`<p>${stringsFor(submission).verifyEmail.nextStep}</p>`);
    }
    return seeOther(`${relative(PATH)}?result=verified`);
  },
};
