import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PasswordHash, PlainPassword } from '../../src/core/secrets.js';
import { type HashThreads, hashThreads } from '../../src/crypto/hash-threads.js';
import { argon2Hasher } from '../../src/crypto/password-hasher.js';

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 };

/** The nice value of every thread of this process, from /proc (field 19 of each task's stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[16]);
  });
}

const onLinux = process.platform === 'linux';

describe('hash threads', () => {
  let threads: HashThreads | undefined;
  afterEach(async () => {
    await threads?.close();
  });

  it('hashes and verifies Argon2id', async () => {
    threads = hashThreads({ threads: 2, niceness: 10 });
    const hash = await threads.hash('correct horse', OPTIONS);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await threads.verify(hash, 'correct horse')).toBe(true);
    expect(await threads.verify(hash, 'wrong horse')).toBe(false);
    await expect(threads.verify('$argon2id$not-a-hash', 'x')).rejects.toThrow();
  });

  it.runIf(onLinux)('runs its threads at the given niceness, and no more threads than asked', async () => {
    const before = threadNiceValues().filter((nice) => nice === 7).length;
    threads = hashThreads({ threads: 2, niceness: 7 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => threads?.hash(`password ${i}`, OPTIONS)));
    // Worker threads show up as several OS threads each (the isolate's helpers stay at the
    // creator's priority); only the thread that hashes lowers itself, once per worker.
    expect(threadNiceValues().filter((nice) => nice === 7).length - before).toBe(2);
    await threads.close();
    await expect.poll(() => threadNiceValues().filter((nice) => nice === 7).length).toBe(before);
  });

  it('answers callers waiting for a thread when one is lost, and starts again after close', async () => {
    threads = hashThreads({ threads: 1, niceness: 0 });
    const first = threads.hash('one', OPTIONS);
    const second = threads.hash('two', OPTIONS);
    await threads.close();
    // The running task fails with the thread; the waiting one gets a new thread.
    await expect(first).rejects.toThrow('hashing thread');
    expect(await threads.verify(await second, 'two')).toBe(true);
  });
});

describe('argon2Hasher on hash threads', () => {
  it('keeps working after close, and verifies what it hashed', async () => {
    const hasher = argon2Hasher(undefined, { concurrency: 2 });
    const hash = await hasher.hash('s3cret pass' as PlainPassword);
    await hasher.close?.();
    expect(await hasher.verify(hash, 's3cret pass' as PlainPassword)).toBe(true);
    expect(await hasher.verify('garbage' as PasswordHash, 's3cret pass' as PlainPassword)).toBe(false);
    await hasher.close?.();
  });
});
