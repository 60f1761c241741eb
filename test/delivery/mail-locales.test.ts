/**
 * The mails' languages: German covers every English template, part, placeholder and phrase
 * (the type check refuses a partial locale; this checks the strings themselves, and that none
 * was left in English); `renderMail` writes the shipped layout in the locale asked for, fills
 * phrase placeholders in it, and looks up a host app's `<dir>/<locale>/` files before `<dir>/`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/locale.js';
import { de, dePhrases } from '../../src/delivery/locales/de.js';
import { en, enPhrases, type MailTexts, type TemplateName } from '../../src/delivery/locales/en.js';
import { renderMail } from '../../src/delivery/render-mail.js';

// @ts-expect-error a locale that leaves out a template does not type-check
const _missingTemplate: MailTexts = { 'verify-email': de['verify-email'] };
const _missingPart: MailTexts = {
  ...de,
  // @ts-expect-error nor one that leaves out a part English has (here the button)
  'verify-email': { subject: 's', heading: 'h', body: 'b', footer: 'f' },
};
void _missingTemplate;
void _missingPart;

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** What is left of a string without its placeholders, spaces and punctuation. */
const words = (s: string) => s.replace(/\{\w+\}/g, '').replace(/[\s\p{P}]/gu, '');

/** Every string of a locale, by a path such as `verify-email.subject` or `phrases.factor.totp`. */
function strings(texts: object, phrases: object): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, parts] of Object.entries(texts)) {
    for (const [part, text] of Object.entries(parts as object)) out.set(`${name}.${part}`, text as string);
  }
  for (const [name, table] of Object.entries(phrases)) {
    for (const [key, text] of Object.entries(table as object))
      out.set(`phrases.${name}.${key}`, text as string);
  }
  return out;
}

describe('the German mails', () => {
  const english = strings(en, enPhrases);
  const german = strings(de, dePhrases);

  it('have every template, part and phrase English has, and nothing else', () => {
    expect([...german.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(90);
  });

  it('use exactly the placeholders of the English string they translate', () => {
    for (const [path, text] of english) {
      expect(placeholders(german.get(path)!), path).toEqual(placeholders(text));
    }
  });

  it('leave no string in English (only a placeholders-only string may be the same)', () => {
    for (const [path, text] of english) {
      const translated = german.get(path)!;
      expect(translated.trim(), path).not.toBe('');
      if (translated === text) expect(words(text), `${path} is still English`).toBe('');
    }
  });

  it('use the formal address throughout, never “du”', () => {
    for (const [path, text] of german) {
      expect(text, path).not.toMatch(/\b(du|dich|dir|dein\w*)\b/i);
    }
  });
});

describe('renderMail in a locale', () => {
  const vars = {
    link: 'https://app.example/verify-email?token=abc&x=1',
    email: 'o"brien<b>@example.com',
    appName: 'Acme',
  };
  const dirs: string[] = [];
  const templatesDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-mail-locales-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the shipped layout in German, with lang="de" and values escaped as in English', () => {
    const mail = renderMail('verify-email', vars, undefined, 'de');
    expect(mail.subject).toBe('Bestätigen Sie Ihre E-Mail-Adresse');
    expect(mail.text).toContain(`E-Mail-Adresse bestätigen: ${vars.link}`);
    expect(mail.text).toContain(
      'Jemand (hoffentlich Sie) hat ein Konto für o"brien<b>@example.com angelegt.',
    );
    expect(mail.html).toMatch(/^<!doctype html><html lang="de">/);
    expect(mail.html).toContain(
      '<a href="https://app.example/verify-email?token=abc&amp;x=1">E-Mail-Adresse bestätigen</a>',
    );
    expect(mail.html).toContain('o&quot;brien&lt;b&gt;@example.com');
    expect(mail.html).not.toContain('<b>@');
  });

  it('is English by default and for a locale it does not have; a region counts as its language', () => {
    expect(renderMail('verify-email', vars).html).toMatch(/<html lang="en">/);
    expect(renderMail('verify-email', vars).subject).toBe(en['verify-email'].subject);
    expect(renderMail('verify-email', vars, undefined, 'fr' as Locale).subject).toBe(
      en['verify-email'].subject,
    );
    expect(renderMail('verify-email', vars, undefined, 'de-AT' as Locale).subject).toBe(
      de['verify-email'].subject,
    );
  });

  it('renders every template in both languages with every placeholder filled', () => {
    const all = {
      ...vars,
      oldEmail: 'old@example.com',
      newEmail: 'new@example.com',
      time: '2026-11-22 14:03',
      until: '2026-11-22 15:03',
      restoreUntil: '2026-12-22 14:03',
      restoreNote: 'restorable',
      device: 'Firefox on Linux',
      ip: '203.0.113.7',
      factor: 'passkey',
      remaining: '2',
      minutes: '15',
      code: '123456',
      invitedApp: 'Billing',
      role: 'viewer',
      validFor: 'days',
      validCount: '7',
      reason: 'support ticket 42',
    };
    for (const locale of ['en', 'de'] as const) {
      for (const name of Object.keys(en) as TemplateName[]) {
        const mail = renderMail(name, all, undefined, locale);
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part, `${locale} ${name}`).not.toMatch(/\{\w+\}/);
        }
      }
    }
  });

  it('fills phrase placeholders with the locale’s words; other values pass as they are', () => {
    const notice = { ...vars, time: '2026-11-22 14:03', factor: 'totp' };
    expect(renderMail('mfa-factor-added', notice, undefined, 'de').text).toContain(
      'Eine Authenticator-App wurde am 2026-11-22 14:03 (UTC) zum Konto',
    );
    expect(renderMail('mfa-factor-added', notice, undefined, 'en').text).toContain(
      'An authenticator app was added to the account',
    );
    const deleted = { ...vars, time: 't', restoreNote: 'restorable', restoreUntil: '2026-12-22 14:03' };
    expect(renderMail('account-deleted', deleted, undefined, 'de').text).toContain(
      'kann es bis 2026-12-22 14:03 (UTC) wiederhergestellt werden',
    );
    expect(renderMail('account-deleted', deleted, undefined, 'en').text).toContain(
      'It can be restored until 2026-12-22 14:03 (UTC) by contacting us',
    );
    const signIn = { ...vars, device: 'Safari on iOS', time: 't' };
    expect(renderMail('new-sign-in', { ...signIn, ip: 'unknown' }, undefined, 'de').text).toContain(
      '(IP-Adresse unbekannt)',
    );
    expect(renderMail('new-sign-in', { ...signIn, ip: '203.0.113.7' }, undefined, 'de').text).toContain(
      '(IP-Adresse 203.0.113.7)',
    );
    const invited = { ...vars, invitedApp: 'Billing', role: 'viewer', validCount: '5' };
    expect(renderMail('invitation', { ...invited, validFor: 'hours' }, undefined, 'de').text).toContain(
      'ist 5 Stunden lang gültig',
    );
    // An inherited property name is no phrase key.
    expect(
      renderMail('mfa-factor-added', { ...notice, factor: 'constructor' }, undefined, 'de').text,
    ).toMatch(/^constructor wurde am/m);
  });

  it('takes a file under <dir>/<locale>/ before the same file in <dir>, one file at a time', () => {
    const dir = templatesDir();
    mkdirSync(join(dir, 'de'));
    writeFileSync(join(dir, 'verify-email.subject.txt'), 'Welcome to {{appName}}');
    writeFileSync(join(dir, 'verify-email.txt'), 'Hi {{email}}, click {{link}}');
    writeFileSync(join(dir, 'de', 'verify-email.subject.txt'), 'Willkommen bei {{appName}}');
    writeFileSync(join(dir, 'de', 'verify-email.html'), '<p lang="de">Hallo {{email}}</p>');

    const german = renderMail('verify-email', vars, dir, 'de');
    expect(german.subject).toBe('Willkommen bei Acme');
    // No de/verify-email.txt: the plain override serves every language.
    expect(german.text).toBe(`Hi ${vars.email}, click ${vars.link}`);
    expect(german.html).toBe('<p lang="de">Hallo o&quot;brien&lt;b&gt;@example.com</p>');

    const english = renderMail('verify-email', vars, dir, 'en');
    expect(english.subject).toBe('Welcome to Acme');
    // No override of the HTML part for English: the shipped English one.
    expect(english.html).toMatch(/<html lang="en">.*Confirm email address/);
  });

  it('falls back to the shipped German parts that no file overrides', () => {
    const dir = templatesDir();
    mkdirSync(join(dir, 'de'));
    writeFileSync(join(dir, 'de', 'reset-password.subject.txt'), 'Neues Passwort für {{appName}}');
    const mail = renderMail('reset-password', vars, dir, 'de');
    expect(mail.subject).toBe('Neues Passwort für Acme');
    expect(mail.text).toContain(`Neues Passwort wählen: ${vars.link}`);
    expect(mail.html).toMatch(/<html lang="de">/);
  });
});
