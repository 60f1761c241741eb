/**
 * Seals private signing keys at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the
 * instance secret. A database dump alone does not yield a signing key.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { GatehouseError } from '../core/errors.js';
import type { Random } from '../core/random.js';

const VERSION = 'v1';

export interface KeySeal {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function keySeal(secret: string, random: Random): KeySeal {
  const key = Buffer.from(hkdfSync('sha256', secret, 'gatehouse', 'signing-key-seal', 32));
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
        throw new GatehouseError('INTERNAL', 'A stored signing key has an unknown format');
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
          'A stored signing key cannot be opened: the configured secret (GATEHOUSE_SECRET) differs from the one that sealed it',
          {},
          { cause },
        );
      }
    },
  };
}
