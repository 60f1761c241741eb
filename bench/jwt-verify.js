// Measures access-token verification cost per algorithm: node:crypto vs jose, on this machine.
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import * as jose from 'jose';

const N = 20000;
function time(label, fn, n = N) {
  for (let i = 0; i < 500; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(
    `${label.padEnd(34)} ${us.toFixed(1).padStart(7)} µs/op  ${Math.round(1e6 / us)
      .toLocaleString()
      .padStart(9)} op/s`,
  );
  return us;
}
async function timeAsync(label, fn, n = 5000) {
  for (let i = 0; i < 200; i++) await fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(
    `${label.padEnd(34)} ${us.toFixed(1).padStart(7)} µs/op  ${Math.round(1e6 / us)
      .toLocaleString()
      .padStart(9)} op/s`,
  );
}
const data = Buffer.from(
  'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1c3JfMDE5MGYyYTgxYjNjN2FiYzgxMjM0NTY3ODlhYmNkZWYifQ',
);
console.log(`node ${process.version}`);
for (const [alg, type, opts, nodeAlg] of [
  ['EdDSA', 'ed25519', {}, null],
  ['ES256', 'ec', { namedCurve: 'P-256' }, 'sha256'],
]) {
  const { publicKey, privateKey } = generateKeyPairSync(type, opts);
  const sig = sign(nodeAlg, data, nodeAlg ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey);
  time(`${alg} sign   node:crypto`, () =>
    sign(nodeAlg, data, nodeAlg ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey),
  );
  time(`${alg} verify node:crypto`, () =>
    verify(nodeAlg, data, nodeAlg ? { key: publicKey, dsaEncoding: 'ieee-p1363' } : publicKey, sig),
  );
  const jwt = await new jose.SignJWT({ sid: 'ses_x' })
    .setProtectedHeader({ alg, kid: 'k1', typ: 'at+jwt' })
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(privateKey);
  await timeAsync(`${alg} verify jose.jwtVerify`, () => jose.jwtVerify(jwt, publicKey));
}
