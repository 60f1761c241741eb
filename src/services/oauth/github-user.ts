/**
 * Who a GitHub access token belongs to, from GitHub's REST API (GitHub is OAuth 2 without
 * OpenID Connect): `GET /user` gives the numeric `id` — the subject, stable across renames,
 * unlike `login` — and the name; `GET /user/emails` (scope `user:email`) gives the addresses,
 * of which only the primary one GitHub marks verified is taken. A token without that scope, or
 * any other refusal of `/user/emails`, means no address rather than a failed sign-in.
 */
import { readCapped } from '../../core/read-capped.js';
import type { ExternalIdentity } from '../identities/external-identity.js';
import type { OutboundFetch } from '../outbound-fetch.js';
import type { ResolvedProvider } from './presets.js';
import { oauthFailed } from './provider-failure.js';
import { PROVIDER_TIMEOUT } from './provider-registry.js';

const API_VERSION = '2022-11-28';
const MAX_BODY = 256 * 1024;

export async function githubIdentity(
  provider: ResolvedProvider,
  fetchImpl: OutboundFetch,
  accessToken: string,
): Promise<ExternalIdentity> {
  const api = provider.github?.api;
  if (!api) throw oauthFailed('not a GitHub provider');
  const user = await getJson(fetchImpl, `${api}/user`, accessToken);
  if (user.status !== 200 || !isRecord(user.body)) throw oauthFailed(`user api ${user.status}`);
  const id = user.body.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw oauthFailed('user api id');
  const emails = await getJson(fetchImpl, `${api}/user/emails`, accessToken);
  const primary = Array.isArray(emails.body)
    ? emails.body.find((e) => isRecord(e) && e.primary === true && e.verified === true)
    : undefined;
  const email =
    emails.status === 200 && isRecord(primary) && typeof primary.email === 'string' ? primary.email : null;
  const name = typeof user.body.name === 'string' && user.body.name.trim() !== '' ? user.body.name : null;
  const login = typeof user.body.login === 'string' ? user.body.login : null;
  return {
    provider: provider.name,
    issuer: provider.issuer,
    subject: String(id),
    email,
    emailVerified: email !== null && provider.trustEmail,
    name: name ?? login,
  };
}

async function getJson(
  fetchImpl: OutboundFetch,
  url: string,
  accessToken: string,
): Promise<{ status: number; body: unknown }> {
  let status: number;
  let bytes: Uint8Array | null;
  try {
    const response = await fetchImpl(url, {
      method: 'GET',
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${accessToken}`,
        'x-github-api-version': API_VERSION,
        // GitHub refuses API requests without a User-Agent.
        'user-agent': 'Gatehouse',
      },
      redirect: 'error',
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT * 1000),
    });
    status = response.status;
    bytes = await readCapped(response.body, MAX_BODY);
  } catch (cause) {
    throw oauthFailed('user api unreachable', cause);
  }
  if (bytes === null) return { status, body: null };
  try {
    return { status, body: JSON.parse(Buffer.from(bytes).toString('utf8')) };
  } catch {
    return { status, body: null };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
