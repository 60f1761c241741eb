/**
 * The soak's load-generator child process: receives one `SoakJob` over IPC, starts the SMTP
 * receiver the server mails to, signs up its working set, tells the parent `{ started: true }`,
 * runs every flow of the mix at its rate for the job's seconds, and sends back a `SoakLoadResult`.
 */
import { pool } from '../lib/gatehouse.js';
import { Client, Tally } from './client.js';
import type { SoakJob, SoakLoadResult, SoakRates } from './job.js';
import { startMailbox } from './mailbox.js';
import { flows, type LiveSession, type MailUser, PASSWORDS, schedule, type WorkingSet } from './mix.js';

/** One `User-Agent` for every request: a sign-in from a device seen before mails no notice. */
const USER_AGENT = 'gatehouse-soak/1';
const SIGN_IN_USERS = 10;
const LIVE_SESSIONS = 40;
// Enough that a slow mail (seconds on a busy machine) rarely leaves a flow without a free user.
const RESET_USERS = 20;
const CHANGE_USERS = 20;
/**
 * Verified access tokens the server keeps (`CACHE_LIMIT` in src/services/sessions/access-tokens.ts),
 * and a margin: the seeding fills that bounded cache, so the measured window sees it full (about
 * 14 MB) instead of filling — at the mix's ~13 new tokens a second that takes 13 minutes, and
 * looks like a leak of 1 MB a minute.
 */
const TOKEN_CACHE_FILL = 11_000;
const FILL_CHAINS = 8;

async function signUp(client: Client, email: string): Promise<LiveSession> {
  const reply = await client.send('POST', '/auth/sign-up/email', { body: { email, password: PASSWORDS[0] } });
  if (reply?.status !== 201) throw new Error(`seeding: sign-up answered ${reply?.status ?? 'no answer'}`);
  return {
    accessToken: String(reply.body.accessToken),
    refreshToken: String(reply.body.refreshToken),
    busy: false,
  };
}

async function seed(client: Client, tag: string): Promise<WorkingSet> {
  const address = (kind: string, i: number) => `${kind}-${tag}-${i}@soak.test`;
  const signInUsers = Array.from({ length: SIGN_IN_USERS }, (_, i) => ({
    email: address('sign-in', i),
    password: PASSWORDS[0] as string,
  }));
  await pool(SIGN_IN_USERS, 4, (i) => signUp(client, signInUsers[i]!.email));
  const sessions = await pool(LIVE_SESSIONS, 4, async (i) => {
    const reply = await client.send('POST', '/auth/sign-in/email', { body: signInUsers[i % SIGN_IN_USERS] });
    if (reply?.status !== 200) throw new Error(`seeding: sign-in answered ${reply?.status ?? 'no answer'}`);
    return {
      accessToken: String(reply.body.accessToken),
      refreshToken: String(reply.body.refreshToken),
      busy: false,
    };
  });
  const mailUser = (email: string, session?: LiveSession): MailUser => ({
    email,
    password: PASSWORDS[0],
    busy: false,
    runs: 0,
    ...(session ? { session } : {}),
  });
  const resetUsers = await pool(RESET_USERS, 4, async (i) => {
    await signUp(client, address('reset', i));
    return mailUser(address('reset', i));
  });
  const changeUsers = await pool(CHANGE_USERS, 4, async (i) =>
    mailUser(address('change', i), await signUp(client, address('change', i))),
  );
  await fillTokenCache(client, sessions.slice(0, FILL_CHAINS));
  return { signInUsers, sessions, resetUsers, changeUsers };
}

/** Refreshes each session in turn and checks every new access token once (`GET /auth/session`). */
async function fillTokenCache(client: Client, chains: LiveSession[]): Promise<void> {
  await pool(chains.length, chains.length, async (c) => {
    const session = chains[c]!;
    for (let i = 0; i < Math.ceil(TOKEN_CACHE_FILL / chains.length); i++) {
      const reply = await client.send('POST', '/auth/refresh', {
        body: { refreshToken: session.refreshToken },
      });
      if (reply?.status !== 200) throw new Error(`seeding: refresh answered ${reply?.status ?? 'no answer'}`);
      session.accessToken = String(reply.body.accessToken);
      session.refreshToken = String(reply.body.refreshToken);
      const checked = await client.send('GET', '/auth/session', { bearer: session.accessToken });
      if (checked?.status !== 200)
        throw new Error(`seeding: session check answered ${checked?.status ?? 'no answer'}`);
    }
  });
}

async function run(job: SoakJob): Promise<SoakLoadResult> {
  const mailbox = await startMailbox(job.smtpPort);
  const seedStarted = performance.now();
  const seeding = new Client(job.url, new Tally(), USER_AGENT);
  const set = await seed(seeding, job.tag);
  seeding.close();
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  process.send?.({ started: true });
  const tally = new Tally();
  const client = new Client(job.url, tally, USER_AGENT);
  const skipped: Record<string, number> = {};
  const mix = flows(client, mailbox, set, skipped, (step, outcome, ms) => tally.record(step, outcome, ms));
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    (Object.keys(job.rates) as (keyof SoakRates)[]).map((name) =>
      schedule(job.rates[name], job.seconds, mix[name]),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  client.close();
  // The receiver is left open: closing it waits up to 30 s for the server's pooled SMTP
  // connection to go, and the parent ends this process once it has the result.
  return {
    seconds,
    steps: tally.figures(),
    skipped,
    mailsReceived: mailbox.received(),
    seedSeconds,
    loaderCores: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}

process.once('message', (job: SoakJob) => {
  run(job).then(
    (result) => process.send?.(result),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});
