/**
 * The instance's view of its signing keys: which key signs, which keys verify, and the JWKS.
 * Loaded from the store at start and reloaded when a token names an unknown `kid` (at most every
 * few seconds). Signing and the JWKS never use a view older than a minute — they reload first —
 * so a `gatehouse keys rotate` in another process reaches this one within a minute, even if it
 * sat idle meanwhile (an idle process must not sign with a key retired long ago).
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
  /** The key that signs new tokens (private key opened on first use); reloads a stale view first. */
  signingKey(): Promise<{ kid: string; privateKey: KeyObject }>;
  /** The public key for `kid`, if it may still verify tokens. */
  publicKey(kid: string): KeyObject | undefined;
  /** The JSON Web Key Set to publish; reloads a stale view first. */
  jwks(): Promise<{ keys: Record<string, unknown>[] }>;
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

  const stale = () => clock.now() - loadedAt > RELOAD_EVERY_MS;

  function maybeReload(): void {
    if (stale()) reload().catch(() => {});
  }

  function current() {
    const key = keys.find((k) => k.retiredAt === null) ?? keys[0];
    if (!key) throw new Error('Keyring used before start()');
    let privateKey = privateKeys.get(key.kid);
    if (!privateKey) {
      privateKey = createPrivateKey(seal.open(key.sealedPrivateKey));
      privateKeys.set(key.kid, privateKey);
    }
    return { kid: key.kid, privateKey };
  }

  return {
    async start() {
      await load();
      if (keys.length === 0) {
        await store.insertFirst(newSigningKey(seal, clock.now()));
        await load();
      }
      // Open the signing key now: a wrong secret must stop start-up, not the first sign-in.
      current();
    },
    async signingKey() {
      if (stale()) await reload();
      return current();
    },
    publicKey(kid) {
      maybeReload();
      const key = byKid.get(kid);
      return key && stillVerifies(key, clock.now()) ? key.publicKey : undefined;
    },
    async jwks() {
      if (stale()) await reload();
      const now = clock.now();
      return { keys: keys.filter((k) => stillVerifies(k, now)).map((k) => k.jwk) };
    },
    reload,
  };
}
