/**
 * The pages' one script module, served at `{basePath}/assets/pages.js` under each page's CSP
 * nonce. It only adds what needs JavaScript — every form works without it. Each feature is a
 * part in this folder (a string of plain browser JavaScript, no bundler): a part finds its
 * elements by `data-*` attributes and does nothing on a page without them.
 */
import { COPY_BUTTONS } from './copy.js';
import { PASSWORD_RULES } from './password-rules.js';
import { PROVIDER_MFA } from './provider-mfa.js';
import { WEBAUTHN } from './webauthn.js';
import { WEBAUTHN_FALLBACK } from './webauthn-fallback.js';

/** The module's source. */
export const PAGES_SCRIPT = [
  '"use strict";',
  COPY_BUTTONS,
  WEBAUTHN,
  WEBAUTHN_FALLBACK,
  PASSWORD_RULES,
  PROVIDER_MFA,
].join('\n');
