/**
 * HOTP and TOTP against the published vectors (RFC 4226 Appendix D, RFC 6238 Appendix B with the
 * 20/32/64-byte seeds of the errata), base32 against RFC 4648 §10, the one-use window check, and the
 * enrolment material an authenticator app reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Random, systemRandom } from '../../src/core/random.js';
import { base32Decode, base32Encode } from '../../src/crypto/base32.js';
import { hotp, matchTotp, newTotpSecret, otpauthUri, totpAt, totpStep } from '../../src/crypto/totp.js';
import { qrSvg } from '../../src/services/totp/qr-code.js';

const ascii = (text: string) => new TextEncoder().encode(text);
const SHA1_SEED = ascii('12345678901234567890');
const SHA256_SEED = ascii('12345678901234567890123456789012');
const SHA512_SEED = ascii('1234567890123456789012345678901234567890123456789012345678901234');

describe('hotp (RFC 4226 Appendix D)', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  it('gives the published value for counters 0 to 9, as number or bigint', () => {
    expect(expected.map((_, counter) => hotp(SHA1_SEED, counter))).toEqual(expected);
    expect(expected.map((_, counter) => hotp(SHA1_SEED, BigInt(counter)))).toEqual(expected);
  });
  it('uses all 64 counter bits and refuses counters that do not fit', () => {
    // 2^32 + 1 and 1 differ only above bit 31: a 32-bit counter would give the same value.
    expect(hotp(SHA1_SEED, 2 ** 32 + 1)).not.toBe(hotp(SHA1_SEED, 1));
    expect(hotp(SHA1_SEED, 2 ** 32 + 1)).toBe(hotp(SHA1_SEED, 2n ** 32n + 1n));
    expect(() => hotp(SHA1_SEED, 2n ** 64n - 1n)).not.toThrow();
    expect(() => hotp(SHA1_SEED, 2n ** 64n)).toThrow(RangeError);
    expect(() => hotp(SHA1_SEED, -1)).toThrow(RangeError);
    expect(() => hotp(SHA1_SEED, 0, { digits: 5 })).toThrow(RangeError);
  });
});

describe('totp (RFC 6238 Appendix B)', () => {
  const table: Array<[number, string, string, string, string]> = [
    [59, '0000000000000001', '94287082', '46119246', '90693936'],
    [1111111109, '00000000023523EC', '07081804', '68084774', '25091201'],
    [1111111111, '00000000023523ED', '14050471', '67062674', '99943326'],
    [1234567890, '000000000273EF07', '89005924', '91819424', '93441116'],
    [2000000000, '0000000003F940AA', '69279037', '90698825', '38618901'],
    [20000000000, '0000000027BC86AA', '65353130', '77737706', '47863826'],
  ];
  for (const [time, stepHex, sha1, sha256, sha512] of table) {
    it(`at ${time}: step ${stepHex}, SHA1 ${sha1}, SHA256 ${sha256}, SHA512 ${sha512}`, () => {
      expect(
        totpStep(time * 1000)
          .toString(16)
          .toUpperCase()
          .padStart(16, '0'),
      ).toBe(stepHex);
      expect(totpAt(SHA1_SEED, time, { digits: 8 })).toBe(sha1);
      expect(totpAt(SHA256_SEED, time, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
      expect(totpAt(SHA512_SEED, time, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
    });
  }
  it('truncates the same value to 6 digits by default', () => {
    expect(totpAt(SHA1_SEED, 59)).toBe('287082');
  });
});

describe('base32 (RFC 4648)', () => {
  const vectors: Array<[string, string]> = [
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ];
  it('encodes the §10 vectors without padding and decodes them with or without it', () => {
    for (const [plain, encoded] of vectors) {
      const unpadded = encoded.replace(/=+$/, '');
      expect(base32Encode(ascii(plain))).toBe(unpadded);
      expect(new TextDecoder().decode(base32Decode(encoded))).toBe(plain);
      expect(new TextDecoder().decode(base32Decode(unpadded))).toBe(plain);
    }
  });
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = base32Encode(bytes);
        expect(text).toMatch(/^[A-Z2-7]*$/);
        expect(base32Decode(text)).toEqual(bytes);
      }),
    );
  });
  it('refuses other characters, impossible lengths, bad padding and non-canonical tails', () => {
    for (const bad of [
      'mzxw6ytb', // lower case
      'MZXW6YT0',
      'MZXW6YT1',
      'MZXW6YT8',
      'MZ XW6YTB',
      'MZ=W6YTB',
      'M',
      'MZX',
      'MZXW6Y',
      'MY=',
      'MY=======',
      '========',
      'MZ', // 'f' plus two stray 1 bits
    ]) {
      expect(() => base32Decode(bad), bad).toThrow(TypeError);
    }
  });
  it('never quotes the input in its error', () => {
    expect(() => base32Decode('SECRETX0')).toThrow(/^(?!.*SECRETX0)/);
  });
});

describe('matchTotp', () => {
  const secret = SHA1_SEED;
  const step = 56_000_000; // an ordinary step in 2023
  const now = step * 30_000 + 12_345; // inside it, not on a boundary
  const codeAt = (s: number, digits = 6) => hotp(secret, s, { digits });

  it('accepts the current step and one either side, and says which step matched', () => {
    expect(matchTotp(secret, codeAt(step - 1), now)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(step), now)).toBe(step);
    expect(matchTotp(secret, codeAt(step + 1), now)).toBe(step + 1);
  });
  it('refuses two steps away, and anything outside a narrower window', () => {
    expect(matchTotp(secret, codeAt(step - 2), now)).toBeNull();
    expect(matchTotp(secret, codeAt(step + 2), now)).toBeNull();
    expect(matchTotp(secret, codeAt(step - 1), now, { window: 0 })).toBeNull();
    expect(matchTotp(secret, codeAt(step), now, { window: 0 })).toBe(step);
  });
  it('places the step boundary at whole multiples of 30 s', () => {
    expect(matchTotp(secret, codeAt(step), step * 30_000, { window: 0 })).toBe(step);
    expect(matchTotp(secret, codeAt(step), step * 30_000 - 1, { window: 0 })).toBeNull();
  });
  it('refuses the last accepted step and every earlier one (RFC 6238 §5.2)', () => {
    expect(matchTotp(secret, codeAt(step), now, { lastStep: step })).toBeNull();
    expect(matchTotp(secret, codeAt(step - 1), now, { lastStep: step })).toBeNull();
    expect(matchTotp(secret, codeAt(step + 1), now, { lastStep: step + 1 })).toBeNull();
    expect(matchTotp(secret, codeAt(step), now, { lastStep: step + 5 })).toBeNull();
    expect(matchTotp(secret, codeAt(step + 1), now, { lastStep: step })).toBe(step + 1);
    expect(matchTotp(secret, codeAt(step), now, { lastStep: step - 1 })).toBe(step);
    expect(matchTotp(secret, codeAt(step), now, { lastStep: null })).toBe(step);
  });
  it('returns null, never throws, for codes that are not exactly the expected digits', () => {
    const good = codeAt(step);
    for (const bad of [
      '',
      good.slice(1),
      `${good}0`,
      `${good.slice(0, 5)}a`,
      ` ${good}`,
      `${good}\n`,
      `+${good.slice(1)}`,
      good.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))), // full-width digits
      codeAt(step, 8),
    ]) {
      expect(matchTotp(secret, bad, now), JSON.stringify(bad)).toBeNull();
    }
    expect(matchTotp(secret, 123456 as unknown as string, now)).toBeNull();
    expect(matchTotp(secret, undefined as unknown as string, now)).toBeNull();
  });
  it('checks 8-digit codes with the algorithm asked for', () => {
    const code = hotp(SHA256_SEED, step, { digits: 8, algorithm: 'sha256' });
    expect(matchTotp(SHA256_SEED, code, now, { digits: 8, algorithm: 'sha256' })).toBe(step);
    expect(matchTotp(SHA256_SEED, code, now, { digits: 8 })).toBeNull();
  });
});

describe('enrolment material', () => {
  it('newTotpSecret draws 160 bits from the injected randomness', () => {
    const asked: number[] = [];
    const fixed: Random = {
      bytes: (n) => {
        asked.push(n);
        return Uint8Array.from({ length: n }, (_, i) => i + 1);
      },
    };
    const secret = newTotpSecret(fixed);
    expect(asked).toEqual([20]);
    expect(secret.length * 8).toBe(160);
    expect([...secret]).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(newTotpSecret(systemRandom)).not.toEqual(newTotpSecret(systemRandom));
  });

  it('otpauthUri is the Key Uri Format, and parses back to the same secret and parameters', () => {
    const secret = newTotpSecret(systemRandom);
    const issuer = 'Acme & Söhne/Co?#';
    const account = 'ada+mfa@example.com';
    const uri = otpauthUri({ secret, issuer, account });
    // Only unreserved characters and escapes in the label, so no reader can split it elsewhere.
    const label = uri.slice('otpauth://totp/'.length, uri.indexOf('?'));
    expect(label).toMatch(/^[\w.~!*'()%-]+:[\w.~!*'()%-]+$/);
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe(`/${issuer}:${account}`);
    expect(url.pathname.split(':')).toHaveLength(2);
    expect([...url.searchParams.keys()]).toEqual(['secret', 'issuer', 'algorithm', 'digits', 'period']);
    expect(base32Decode(url.searchParams.get('secret')!)).toEqual(secret);
    expect(url.searchParams.get('secret')).toMatch(/^[A-Z2-7]{32}$/);
    expect(url.searchParams.get('issuer')).toBe(issuer);
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
  });

  it('otpauthUri encodes spaces as %20 and refuses a colon inside issuer or account', () => {
    expect(otpauthUri({ secret: ascii('12345'), issuer: 'Acme Co', account: 'ada@example.com' })).toBe(
      'otpauth://totp/Acme%20Co:ada%40example.com?secret=GEZDGNBV&issuer=Acme%20Co&algorithm=SHA1&digits=6&period=30',
    );
    expect(() => otpauthUri({ secret: SHA1_SEED, issuer: 'Acme:Co', account: 'a' })).toThrow(TypeError);
    expect(() => otpauthUri({ secret: SHA1_SEED, issuer: 'Acme', account: 'a:b' })).toThrow(TypeError);
  });

  it('qrSvg renders an SVG that depends on the text', async () => {
    const a = await qrSvg('otpauth://totp/Acme:a?secret=GEZDGNBV');
    const b = await qrSvg('otpauth://totp/Acme:b?secret=GEZDGNBV');
    expect(a).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 (\d+) \1"/);
    expect(a.trimEnd().endsWith('</svg>')).toBe(true);
    expect(a).not.toBe(b);
  });
});
