/**
 * Choosing a person's language: the profile's locale when Gatehouse has it, else the best
 * `Accept-Language` entry it has (by quality, then order), else English — whatever the header
 * holds.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES, pickLocale, supportedLocale } from '../../src/core/locale.js';

describe('supportedLocale', () => {
  it('maps a tag to its language when Gatehouse has it, ignoring region, case and separator', () => {
    expect(supportedLocale('de')).toBe('de');
    expect(supportedLocale('de-AT')).toBe('de');
    expect(supportedLocale('DE_ch')).toBe('de');
    expect(supportedLocale(' en-GB ')).toBe('en');
  });

  it('has nothing for another language, a look-alike prefix or no tag', () => {
    for (const tag of ['fr', 'fr-CH', 'deu', 'dee', 'english', '*', '', null, undefined]) {
      expect(supportedLocale(tag)).toBeUndefined();
    }
  });
});

describe('pickLocale', () => {
  it('takes the profile’s locale over any header', () => {
    expect(pickLocale('de-AT')).toBe('de');
    expect(pickLocale('de-AT', 'en-US,en;q=0.9')).toBe('de');
    expect(pickLocale('en-GB', 'de')).toBe('en');
  });

  it('falls back to the header when the profile names a language Gatehouse lacks, or none', () => {
    expect(pickLocale('fr-CH', 'de')).toBe('de');
    expect(pickLocale(null, 'de-DE')).toBe('de');
    expect(pickLocale(undefined, 'de-DE')).toBe('de');
    expect(pickLocale('', 'de')).toBe('de');
  });

  it('ranks by quality, then by order, skipping languages Gatehouse lacks', () => {
    expect(pickLocale(null, 'fr-CH, de;q=0.8, en;q=0.5')).toBe('de');
    expect(pickLocale(null, 'en;q=0.5, de;q=0.8')).toBe('de');
    expect(pickLocale(null, 'de;q=0.7, en;q=0.7')).toBe('de');
    expect(pickLocale(null, 'en;q=0.7, de;q=0.7')).toBe('en');
    // No q is q=1.
    expect(pickLocale(null, 'de;q=0.9, en')).toBe('en');
    expect(pickLocale(null, 'fr, it;q=0.9, de;q=0.1')).toBe('de');
  });

  it('drops q=0 (“not this one”) and takes whitespace around entries and parameters', () => {
    expect(pickLocale(null, 'de;q=0, en;q=0.1')).toBe('en');
    expect(pickLocale(null, 'en;q=0')).toBe(DEFAULT_LOCALE);
    expect(pickLocale(null, '  de-AT ; q=0.9 ,en;q=0.2')).toBe('de');
  });

  it('a wildcard names no language: the next entry, else English', () => {
    expect(pickLocale(null, '*')).toBe('en');
    expect(pickLocale(null, '*, de;q=0.5')).toBe('de');
    expect(pickLocale(null, 'fr, *;q=0.9')).toBe('en');
  });

  it('ignores malformed entries and still uses the good ones', () => {
    expect(pickLocale(null, 'de;q=abc, en;q=0.2')).toBe('en');
    expect(pickLocale(null, 'de;q=1.5, en;q=0.2')).toBe('en');
    expect(pickLocale(null, 'de;q=-1')).toBe('en');
    expect(pickLocale(null, '<script>, de;q=0.3')).toBe('de');
    expect(pickLocale(null, 'de-, en-US;q=0.4')).toBe('en');
    expect(pickLocale(null, ',,;q=1, de')).toBe('de');
    expect(pickLocale(null, 'toolonglanguage, de;q=0.1')).toBe('de');
  });

  it('answers English for an empty, absent or junk header', () => {
    for (const header of ['', '   ', ';;;', 'q=1', '\u0000de', null, undefined]) {
      expect(pickLocale(null, header)).toBe('en');
    }
  });

  it('reads only the first 20 entries of a long header', () => {
    const filler = Array.from({ length: 20 }, (_, i) => `x${String.fromCharCode(97 + (i % 26))}`).join(',');
    expect(pickLocale(null, `${filler}, de`)).toBe('en');
    expect(pickLocale(null, `de, ${filler}`)).toBe('de');
  });

  it('always answers a locale Gatehouse has', () => {
    for (const header of ['de', 'en', 'fr', '*', 'de;q=0', 'garbage;;q==1']) {
      expect(LOCALES).toContain(pickLocale(null, header));
    }
  });
});
