/**
 * The shared page strings' German specifics. Completeness (every key, translated, no markup, German
 * quotation marks) is checked for every locale module in `locale-completeness.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { de } from '../../src/ui/locales/de.js';
import { en } from '../../src/ui/locales/en.js';

describe('page locales', () => {
  it('each locale names its own language', () => {
    expect(de.lang).toBe('de');
    expect(en.lang).toBe('en');
  });

  it('German groups large numbers', () => {
    expect(de.form.passwordTooLong(1000)).toContain('1.000');
  });

  it('German points at the forgot-password page by its German title', () => {
    expect(de.acceptInvitation.passwordHint(12)).toContain(`„${de.forgotPassword.title}“`);
  });
});
