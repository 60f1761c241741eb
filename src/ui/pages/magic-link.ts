/**
 * `/sign-in/magic-link`: the page a magic link opens. Showing it uses nothing (mail scanners and
 * link previews fetch links before people do); its button posts the token to the same operation
 * as `POST /auth/sign-in/magic-link/verify`. A finished sign-in goes back as a redirect carrying
 * the session, which the page server hands to the browser as the API's cookies; an account with
 * a second factor gets the second step as this POST's answer (`finishSignIn`: the pending
 * sign-in's token only in that page's hidden fields), which then goes on to the account.
 */
import type { PageReply, PageRoute, PageView } from '../../http/route.js';
import { isMfaChallenge } from '../../services/mfa/pending-sign-in.js';
import { MAGIC_LINK_PATH } from '../../services/passwordless/request-magic-link.js';
import { html } from '../html.js';
import { linkErrorPage, linkToken, missingLinkPage, useLinkPage } from '../mailed-link.js';
import { problemPage, resultPage } from '../notice.js';
import { finishSignIn } from '../sign-in/finish.js';
import { DEFAULT_RETURN } from '../sign-in/return-to.js';
import { relative, stringsFor } from '../view.js';

const PATH = MAGIC_LINK_PATH;

function disabled(view: PageView): PageReply | undefined {
  if (view.settings.passwordless.enabled) return undefined;
  return problemPage(view, 404, stringsFor(view).magicLink.disabled);
}

export const magicLinkPage: PageRoute = {
  path: PATH,
  limitedAs: 'signInWithMagicLink',
  show(view) {
    const s = stringsFor(view).magicLink;
    const off = disabled(view);
    if (off) return off;
    if (view.query.get('result') === 'signed-in') return resultPage(view, s.done);
    const token = linkToken(view);
    if (token === undefined) return missingLinkPage(view, html`<p>${s.nextStep}</p>`);
    return useLinkPage(view, PATH, s, token);
  },
  async submit(submission) {
    const s = stringsFor(submission).magicLink;
    const off = disabled(submission);
    if (off) return off;
    let result: Awaited<ReturnType<typeof submission.ops.signInWithMagicLink>>;
    try {
      result = await submission.ops.signInWithMagicLink(
        submission.form.get('token') ?? '',
        submission.client,
      );
    } catch (error) {
      return linkErrorPage(submission, error, html`<p>${s.nextStep}</p>`);
    }
    // The link names no returnTo: after the second step, the account.
    if (isMfaChallenge(result)) return finishSignIn(submission, result, DEFAULT_RETURN);
    // The page server sets the API's session cookies from `signedIn` (never the URL).
    return { kind: 'redirect', location: `${relative(PATH)}?result=signed-in`, signedIn: result };
  },
};
