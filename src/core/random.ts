/** Injected randomness, so tests can be exact. The default reads the OS CSPRNG. */
import { randomBytes } from 'node:crypto';

export interface Random {
  /** `n` cryptographically strong random bytes. */
  bytes(n: number): Uint8Array;
}

export const systemRandom: Random = {
  bytes: (n) => randomBytes(n),
};
