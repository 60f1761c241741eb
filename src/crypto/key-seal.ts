/**
 * Seals what must be recoverable but must never sit in the database in clear — private signing
 * keys, queued mails that carry one-time links, authenticator-app secrets: AES-256-GCM under a key derived (HKDF-SHA256)
 * from the instance secret, one derived key per use. A database dump alone yields neither.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { GatehouseError } from '../core/errors.js';
import type { Random } from '../core/random.js';

const VERSION = 'v1';

export interface KeySeal {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export interface KeySealOptions {
  /** What the derived key is for (HKDF info); each use gets its own key. Default: signing keys. */
  readonly purpose?: 'signing-key-seal' | 'outbox-seal' | 'factor-seal';
  /** Where the secret came from, named when a sealed value cannot be opened. */
  readonly secretSource?: string;
}

/** Whether `value` has the shape `seal` produces (a legacy clear value does not). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}.`);
}

export function keySeal(secret: string, random: Random, options: KeySealOptions = {}): KeySeal {
  const purpose = options.purpose ?? 'signing-key-seal';
  const source = options.secretSource ?? 'GATEHOUSE_SECRET';
  const key = Buffer.from(hkdfSync('sha256', secret, 'gatehouse', purpose, 32));
  const what = {
    'signing-key-seal': 'A stored signing key',
    'outbox-seal': 'A queued mail',
    'factor-seal': 'A second-factor secret',
  }[purpose];
  return {
    seal(plaintext) {
      const iv = random.bytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        VERSION,
        Buffer.from(iv).toString('base64url'),
        body.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    open(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== VERSION || !iv || !body || !tag) {
        throw new GatehouseError('INTERNAL', `${what} has an unknown format`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (cause) {
        throw new GatehouseError(
          'INTERNAL',
          `${what} cannot be opened: the secret in use (from ${source}) differs from the one that sealed it`,
          {},
          { cause },
        );
      }
    },
  };
}
