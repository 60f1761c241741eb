/** Phone numbers: E.164 in, separators people type stripped, everything else refused with a 400. */
import { describe, expect, it } from 'vitest';
import { isGatehouseError } from '../../src/core/errors.js';
import { canonicalPhone, maskPhone, parsePhone } from '../../src/core/phone.js';

describe('canonicalPhone', () => {
  it.each([
    ['+14155550100', '+14155550100'],
    ['+1 415 555 0100', '+14155550100'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['+44 (20) 7946-0958', '+442079460958'],
    ['+49-30-901820', '+4930901820'],
    ['+12345678', '+12345678'], // 8 digits, the shortest accepted
    ['+123456789012345', '+123456789012345'], // 15 digits, the longest E.164 allows
  ])('accepts %j as %s', (input, expected) => {
    expect(canonicalPhone(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['14155550100', 'no +'],
    ['004915123456789', 'a 00 prefix instead of +'],
    ['+04155550100', 'a country code starting with 0'],
    ['+1234567', 'only 7 digits'],
    ['+1234567890123456', '16 digits'],
    ['++14155550100', 'two +'],
    ['+1 415 555 0100 ext 12', 'an extension'],
    ['+1.415.555.0100', 'dots'],
    ['+1\t4155550100', 'a tab'],
    ['+1\n4155550100', 'a line break'],
    ['+1\u00a04155550100', 'a no-break space'],
    ['+1–415–555–0100', 'en dashes'],
    ['+1415555O100', 'a letter O for a zero'],
    ['+١٤١٥٥٥٥٠١٠٠', 'Arabic-Indic digits'],
    ['+１４１５５５５０１００', 'full-width digits'],
    ['tel:+14155550100', 'a tel: URI'],
    [`+1${' '.repeat(40)}4155550100`, 'over the input length cap'],
  ])('refuses %j (%s)', (input) => {
    expect(canonicalPhone(input)).toBeNull();
  });
});

describe('parsePhone', () => {
  it('returns the canonical form', () => {
    expect(parsePhone('+44 20 7946 0958')).toBe('+442079460958');
  });

  it.each([['0171 946 0958'], [14155550100], [null], [undefined], [{ phone: '+14155550100' }]])(
    'refuses %j with a VALIDATION_ERROR on the field, without echoing the input',
    (input) => {
      let caught: unknown;
      try {
        parsePhone(input, 'phoneNumber');
      } catch (error) {
        caught = error;
      }
      expect(isGatehouseError(caught)).toBe(true);
      const error = caught as { code: string; message: string; details: { issues?: { path: string }[] } };
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.details.issues?.map((i) => i.path)).toEqual(['phoneNumber']);
      expect(error.message).not.toContain('0171');
    },
  );
});

describe('maskPhone', () => {
  it('keeps the + and the last two digits, and the length', () => {
    expect(maskPhone('+14155550100')).toBe('+•••••••••00');
    expect(maskPhone('+12345678')).toBe('+••••••78');
  });
});
