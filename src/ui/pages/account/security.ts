/**
 * `/account/security`: the signed-in user's second factors at a glance — the authenticator app,
 * recovery codes left, passkeys, the phone — each with the way to add, change or remove it (their
 * own pages). A finished change comes back here as `?done=<what>` and is announced; only known
 * values are shown, never the query's text.
 */
import type { PageRoute, PageView } from '../../../http/route.js';
import type { PasskeyView } from '../../../services/passkeys/passkey-view.js';
import { accountPage, dateTime, statusNotice } from '../../account/account-page.js';
import { html } from '../../html.js';
import {
  type AccountSecurityStrings,
  accountSecurityStringsFor,
} from '../../locales/account-security/index.js';

const PATH = '/account/security';

type Done = keyof AccountSecurityStrings['overview']['done'];
/** What a finished change may say it did, as the `done` query value. */
export type SecurityDone =
  | 'totp-added'
  | 'totp-removed'
  | 'passkey-added'
  | 'passkey-renamed'
  | 'passkey-removed'
  | 'phone-added'
  | 'phone-removed';
const DONE: Readonly<Record<SecurityDone, Done>> = {
  'totp-added': 'totpAdded',
  'totp-removed': 'totpRemoved',
  'passkey-added': 'passkeyAdded',
  'passkey-renamed': 'passkeyRenamed',
  'passkey-removed': 'passkeyRemoved',
  'phone-added': 'phoneAdded',
  'phone-removed': 'phoneRemoved',
};

/** `/account/security?done=…`: where a finished change sends the browser. */
export function securityDone(what: SecurityDone): string {
  return `${PATH}?done=${what}`;
}

function passkeyTable(view: PageView, passkeys: readonly PasskeyView[]) {
  const s = accountSecurityStringsFor(view);
  const o = s.overview;
  if (passkeys.length === 0) return html`<p>${o.passkeysNone}</p>`;
  return html`<div class="gh-table-wrap">
<table>
<caption class="gh-visually-hidden">${o.passkeysCaption}</caption>
<thead><tr><th scope="col">${o.passkeyName}</th><th scope="col">${o.passkeyCreated}</th><th scope="col">${o.passkeyLastUsed}</th><th scope="col">${o.passkeyBackedUp}</th><th scope="col">${s.common.actions}</th></tr></thead>
<tbody>
${passkeys.map(
  (p) => html`<tr>
<th scope="row">${p.name}</th>
<td>${dateTime(view, p.createdAt)}</td>
<td>${p.lastUsedAt ? dateTime(view, p.lastUsedAt) : s.common.never}</td>
<td>${p.backedUp ? s.common.yes : s.common.no}</td>
<td><a href="${PATH}/passkeys/${encodeURIComponent(p.id)}" aria-label="${o.passkeyManageNamed(p.name)}">${o.passkeyManage}</a></td>
</tr>`,
)}
</tbody>
</table>
</div>`;
}

export const securityPage: PageRoute = {
  path: PATH,
  access: 'user',
  async show(view) {
    const token = view.signedIn!.accessToken;
    const [listing, passkeys] = await Promise.all([
      view.ops.listFactors(token),
      view.ops.listPasskeys(token),
    ]);
    const s = accountSecurityStringsFor(view);
    const o = s.overview;
    const asked = view.query.get('done');
    const done = asked !== null && Object.hasOwn(DONE, asked) ? DONE[asked as SecurityDone] : undefined;
    const totp = listing.factors.totp as { activatedAt: string } | null | undefined;
    const sms = listing.factors.sms as { phone: string; verifiedAt: string } | null | undefined;
    const recovery = listing.factors.recovery_code as { remaining: number } | null | undefined;
    const hasFactor = listing.methods.length > 0;
    return accountPage(
      view,
      200,
      o.title,
      html`<h1>${o.title}</h1>
${statusNotice(done && o.done[done])}
<p>${o.intro}</p>
<section class="gh-section" aria-labelledby="totp-heading">
<h2 id="totp-heading">${o.totpHeading}</h2>
<p>${o.totpIntro}</p>
<p>${totp ? o.totpOn(dateTime(view, totp.activatedAt)) : o.totpOff}</p>
<p>${
        totp
          ? html`<a href="${PATH}/totp/remove">${o.totpRemove}</a>`
          : html`<a href="${PATH}/totp">${o.totpSetUp}</a>`
      }</p>
</section>
<section class="gh-section" aria-labelledby="passkeys-heading">
<h2 id="passkeys-heading">${o.passkeysHeading}</h2>
<p>${o.passkeysIntro}</p>
${passkeyTable(view, passkeys)}
<p><a href="${PATH}/passkeys">${o.passkeyAdd}</a></p>
</section>
<section class="gh-section" aria-labelledby="phone-heading">
<h2 id="phone-heading">${o.phoneHeading}</h2>
<p>${o.phoneIntro}</p>
<p>${sms ? o.phoneOn(sms.phone, dateTime(view, sms.verifiedAt)) : o.phoneOff}</p>
<p>${
        sms
          ? html`<a href="${PATH}/phone/remove">${o.phoneRemove}</a>`
          : html`<a href="${PATH}/phone">${o.phoneAdd}</a>`
      }</p>
</section>
<section class="gh-section" aria-labelledby="recovery-heading">
<h2 id="recovery-heading">${o.recoveryHeading}</h2>
<p>${o.recoveryIntro}</p>
${
  hasFactor
    ? html`<p>${o.recoveryRemaining(recovery?.remaining ?? 0)}</p>
<p><a href="${PATH}/recovery-codes">${o.recoveryRegenerate}</a></p>`
    : html`<p>${o.recoveryNeedsFactor}</p>`
}
</section>`,
    );
  },
};
