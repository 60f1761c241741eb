/**
 * What the security page suites share: reading what a page shows once (the authenticator app's
 * setup key, recovery codes, a new token) out of its markup, a code from an authenticator app at
 * the instance's clock, and adding an authenticator app through the pages.
 */
import { expect } from 'vitest';
import { base32Decode } from '../../../src/crypto/base32.js';
import { totpAt } from '../../../src/crypto/totp.js';
import { accountSecurityStrings } from '../../../src/ui/locales/account-security/index.js';
import type { Reply, TestGatehouse } from '../../support/gatehouse.js';
import { expectSafePage, open, submit } from '../pages.js';

export const en = accountSecurityStrings.en;
export const de = accountSecurityStrings.de;

const text = (markup: string) => markup.replace(/<[^>]+>/g, '').trim();

/** The setup key the page shows (its groups joined: what copying gives). */
export function shownSecret(reply: Reply): string {
  const code = /<code id="totp-secret" class="gh-secret">([\s\S]*?)<\/code>/.exec(String(reply.body))?.[1];
  expect(code, 'the page shows a setup key').toBeDefined();
  return text(code!);
}

/** The recovery codes the page lists; [] when it lists none. */
export function shownCodes(reply: Reply): string[] {
  const list = /<ol id="recovery-codes"[^>]*>([\s\S]*?)<\/ol>/.exec(String(reply.body))?.[1];
  if (list === undefined) return [];
  return [...list.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]!);
}

/** The token the page shows once. */
export function shownToken(reply: Reply): string {
  const code = /<code id="new-token" class="gh-secret">([^<]+)<\/code>/.exec(String(reply.body))?.[1];
  expect(code, 'the page shows the new token').toBeDefined();
  return code!;
}

/** The code an authenticator app holding `secret` shows now (or `steps` periods away) at the instance's clock. */
export function appCode(t: TestGatehouse, secret: string, steps = 0): string {
  return totpAt(base32Decode(secret), Math.floor(t.clock.now() / 1000) + steps * 30);
}

/** Starts adding an authenticator app from the pages: the setup page (200) and its key. */
export async function startTotp(t: TestGatehouse): Promise<{ reply: Reply; secret: string }> {
  expectSafePage(await open(t, '/account/security/totp'), 200);
  const reply = await submit(t, '/account/security/totp', { action: 'enroll' });
  expectSafePage(reply, 200);
  return { reply, secret: shownSecret(reply) };
}

/** Adds an authenticator app through the pages; returns its key and the recovery codes shown. */
export async function addTotp(t: TestGatehouse): Promise<{ secret: string; codes: string[]; reply: Reply }> {
  const { reply: setup, secret } = await startTotp(t);
  const reply = await submit(t, '/account/security/totp', {
    ...hiddenFields(setup, 'activate'),
    code: appCode(t, secret),
  });
  expectSafePage(reply, 200);
  return { secret, codes: shownCodes(reply), reply };
}

/** An attribute's value as the browser reads it (the templates escape `& < > " '`). */
export function attributeText(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The hidden fields of the page's form holding `action`, as a browser would post them back. */
export function hiddenFields(reply: Reply, action: string): Record<string, string> {
  const body = String(reply.body);
  const forms = body.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(`name="action" value="${action}"`));
  expect(form, `a form with action ${action}`).toBeDefined();
  const fields: Record<string, string> = {};
  for (const m of form!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = attributeText(m[2]!);
  }
  delete fields.csrf;
  return fields;
}
