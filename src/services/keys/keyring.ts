/**
 * The instance's view of its signing keys: which key signs, which keys verify, and the JWKS.
 * Loaded from the store at start, reloaded every minute and whenever a token names an unknown
 * `kid` (at most every few seconds), so a `gatehouse keys rotate` reaches every process.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { KeySeal } from '../../crypto/key-seal.js';
import type { SigningKeyStore } from '../../store/ports/signing-key-store.js';
import { newSigningKey } from './new-signing-key.js';

const RELOAD_EVERY_MS = 60_000;

interface LoadedKey {
  readonly kid: string;
  readonly jwk: Record<string, unknown>;
  readonly publicKey: KeyObject;
  readonly retiredAt: number | null;
  readonly sealedPrivateKey: string;
}

export interface Keyring {
  /** Loads keys, creating the first one if the store has none. */
  start(): Promise<void>;
  /** The key that signs new tokens (private key opened on first use). */
  signingKey(): { kid: string; privateKey: KeyObject };
  /** The public key for `kid`, if it may still verify tokens. */
  publicKey(kid: string): KeyObject | undefined;
  /** The JSON Web Key Set to publish. */
  jwks(): { keys: Record<string, unknown>[] };
  reload(): Promise<void>;
}

export function createKeyring(
  store: SigningKeyStore,
  seal: KeySeal,
  clock: Clock,
  accessTokenTtlMs: number,
): Keyring {
  let keys: LoadedKey[] = [];
  let byKid = new Map<string, LoadedKey>();
  let loadedAt = 0;
  let reloading: Promise<void> | undefined;
  const privateKeys = new Map<string, KeyObject>();

  // A retired key verifies until its last token can have expired (plus a minute of skew).
  const stillVerifies = (k: LoadedKey, now: number) =>
    k.retiredAt === null || k.retiredAt + accessTokenTtlMs + 60_000 > now;

  async function load(): Promise<void> {
    const records = await store.list();
    keys = records.map((r) => ({
      kid: r.kid,
      jwk: JSON.parse(r.publicJwk) as Record<string, unknown>,
      publicKey: createPublicKey({ key: JSON.parse(r.publicJwk), format: 'jwk' }),
      retiredAt: r.retiredAt,
      sealedPrivateKey: r.sealedPrivateKey,
    }));
    byKid = new Map(keys.map((k) => [k.kid, k]));
    loadedAt = clock.now();
  }

  function reload(): Promise<void> {
    reloading ??= load().finally(() => {
      reloading = undefined;
    });
    return reloading;
  }

  function maybeReload(): void {
    if (clock.now() - loadedAt > RELOAD_EVERY_MS) reload().catch(() => {});
  }

  return {
    async start() {
      await load();
      if (keys.length === 0) {
        await store.insertFirst(newSigningKey(seal, clock.now()));
        await load();
      }
      // Open the signing key now: a wrong secret must stop start-up, not the first sign-in.
      this.signingKey();
    },
    signingKey() {
      maybeReload();
      const current = keys.find((k) => k.retiredAt === null) ?? keys[0];
      if (!current) throw new Error('Keyring used before start()');
      let privateKey = privateKeys.get(current.kid);
      if (!privateKey) {
        privateKey = createPrivateKey(seal.open(current.sealedPrivateKey));
        privateKeys.set(current.kid, privateKey);
      }
      return { kid: current.kid, privateKey };
    },
    publicKey(kid) {
      maybeReload();
      const key = byKid.get(kid);
      return key && stillVerifies(key, clock.now()) ? key.publicKey : undefined;
    },
    jwks() {
      const now = clock.now();
      return { keys: keys.filter((k) => stillVerifies(k, now)).map((k) => k.jwk) };
    },
    reload,
  };
}
