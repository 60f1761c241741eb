/** Port: the asymmetric keys that sign access tokens. Private keys arrive here already encrypted. */

export interface SigningKeyRecord {
  /** Key id, published as `kid`. */
  readonly kid: string;
  readonly alg: 'ES256';
  /** The public key as a JWK (JSON text). */
  readonly publicJwk: string;
  /** The private key, PKCS#8, sealed with the instance secret (see `crypto/key-seal.ts`). */
  readonly sealedPrivateKey: string;
  readonly createdAt: number;
  /** When it stopped signing; it stays published until its last token expires. */
  readonly retiredAt: number | null;
}

export interface SigningKeyStore {
  /** Every stored key, newest first. */
  list(): Promise<SigningKeyRecord[]>;

  /**
   * Stores `key` only if there is no key at all yet; returns true when it was stored.
   * Concurrent first starts of several processes end with exactly one key.
   */
  insertFirst(key: SigningKeyRecord): Promise<boolean>;

  /** Stores `key` and retires every other unretired key at `now`, in one transaction. */
  rotate(key: SigningKeyRecord, now: number): Promise<void>;

  /** Deletes keys retired before `before` (their tokens have all expired). Returns how many. */
  purgeRetired(before: number): Promise<number>;
}
