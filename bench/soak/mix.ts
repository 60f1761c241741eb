/**
 * The soak's mixed load: each flow started open loop at its own rate, on a working set of users
 * and live sessions that stays the same size all run long, so the server's state should not
 * grow except for rows (sessions, spent tokens, links, outbox, audit) that housekeeping owns.
 *
 * A session or user is taken by one flow at a time (a refresh chains its token; a sign-in
 * replaces a session), and a session that is replaced is signed out 2 s later, once requests
 * already sent with its token have been answered: every answer should be a 2xx, and any other
 * status is a finding, not the driver's race.
 */
import type { Client } from './client.js';
import type { SoakRates } from './job.js';
import type { Mailbox } from './mailbox.js';

/** Strong and unlisted, so the breached-password check passes both. */
export const PASSWORDS = ['soak horse battery staple 1', 'soak horse battery staple 2'] as const;
const MAIL_TIMEOUT_MS = 60_000;
const SIGN_OUT_DELAY_MS = 2_000;

export interface LiveSession {
  accessToken: string;
  refreshToken: string;
  busy: boolean;
}

export interface MailUser {
  email: string;
  password: string;
  /** Email-change users only: a session of their own. */
  session?: LiveSession;
  busy: boolean;
  /** Flows this user has run: every other one uses its link. */
  runs: number;
}

export interface WorkingSet {
  /** The sign-in flow's accounts, one password each. */
  readonly signInUsers: readonly { email: string; password: string }[];
  readonly sessions: LiveSession[];
  readonly resetUsers: MailUser[];
  readonly changeUsers: MailUser[];
}

type Flow = (due: number) => Promise<void>;

const pick = <T>(items: readonly T[], free: (item: T) => boolean): T | undefined => {
  const start = Math.floor(Math.random() * items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[(start + i) % items.length]!;
    if (free(item)) return item;
  }
  return undefined;
};

const tokens = (reply: { body: Record<string, unknown> }) => ({
  accessToken: String(reply.body.accessToken),
  refreshToken: String(reply.body.refreshToken),
});

/** The flows, by name; each returns once its last request (or mail) is settled. */
export function flows(
  client: Client,
  mailbox: Mailbox,
  set: WorkingSet,
  skipped: Record<string, number>,
  recordMail: (step: string, outcome: string, ms: number) => void,
): Record<keyof SoakRates, Flow> {
  const skip = (flow: string) => {
    skipped[flow] = (skipped[flow] ?? 0) + 1;
  };
  let nextSignIn = 0;
  const awaitLink = async (to: string, path: string, started: number): Promise<string | undefined> => {
    const waiting = mailbox.nextLink(to, path, MAIL_TIMEOUT_MS);
    try {
      return await waiting;
    } catch {
      recordMail(`mail: ${path}`, 'timeout', performance.now() - started);
      return undefined;
    }
  };
  return {
    async session(due) {
      const live = set.sessions[Math.floor(Math.random() * set.sessions.length)]!;
      await client.send('GET', '/auth/session', { bearer: live.accessToken, due });
    },
    async profile(due) {
      const live = set.sessions[Math.floor(Math.random() * set.sessions.length)]!;
      await client.send('GET', '/auth/me', { bearer: live.accessToken, due });
    },
    async refresh(due) {
      const live = pick(set.sessions, (s) => !s.busy);
      if (!live) return skip('refresh');
      live.busy = true;
      const reply = await client.send('POST', '/auth/refresh', {
        body: { refreshToken: live.refreshToken },
        due,
      });
      if (reply?.status === 200) Object.assign(live, tokens(reply));
      live.busy = false;
    },
    async signIn(due) {
      const live = pick(set.sessions, (s) => !s.busy);
      if (!live) return skip('signIn');
      live.busy = true;
      const user = set.signInUsers[nextSignIn++ % set.signInUsers.length]!;
      const reply = await client.send('POST', '/auth/sign-in/email', { body: user, due });
      if (reply?.status !== 200) {
        live.busy = false;
        return;
      }
      const old = live.accessToken;
      Object.assign(live, tokens(reply));
      live.busy = false;
      await new Promise((resolve) => setTimeout(resolve, SIGN_OUT_DELAY_MS));
      await client.send('POST', '/auth/sign-out', { bearer: old });
    },
    async passwordReset(due) {
      const user = pick(set.resetUsers, (u) => !u.busy);
      if (!user) return skip('passwordReset');
      user.busy = true;
      try {
        const link = awaitLink(user.email, 'reset-password', performance.now());
        const asked = performance.now();
        const reply = await client.send('POST', '/auth/forgot-password', {
          body: { email: user.email },
          due,
        });
        // Nothing is mailed after a refusal; the wait times out and is recorded as such.
        const token = await link;
        if (token) recordMail('mail: reset-password', 'arrived', performance.now() - asked);
        if (!token || reply?.status !== 202 || user.runs++ % 2 === 1) return;
        const password = user.password === PASSWORDS[0] ? PASSWORDS[1] : PASSWORDS[0];
        const done = await client.send('POST', '/auth/reset-password', { body: { token, password } });
        if (done?.status === 200) user.password = password;
      } finally {
        user.busy = false;
      }
    },
    async emailChange(due) {
      const user = pick(set.changeUsers, (u) => !u.busy && !u.session?.busy);
      if (!user?.session) return skip('emailChange');
      user.busy = true;
      const session = user.session;
      try {
        // Access tokens live 15 minutes: refresh first, as a client coming back would.
        const refreshed = await client.send('POST', '/auth/refresh', {
          body: { refreshToken: session.refreshToken },
          due,
        });
        if (refreshed?.status !== 200) return;
        Object.assign(session, tokens(refreshed));
        const [name, domain] = user.email.split('@') as [string, string];
        const next = `${name.replace(/\.\d+$/, '')}.${user.runs + 1}@${domain}`;
        const link = awaitLink(next, 'confirm-email-change', performance.now());
        const asked = performance.now();
        const reply = await client.send('POST', '/auth/change-email', {
          bearer: session.accessToken,
          body: { newEmail: next, password: user.password },
        });
        const token = await link;
        if (token) recordMail('mail: confirm-email-change', 'arrived', performance.now() - asked);
        if (!token || reply?.status !== 202 || user.runs++ % 2 === 1) return;
        const done = await client.send('POST', '/auth/confirm-email-change', {
          bearer: session.accessToken,
          body: { token },
        });
        if (done?.status === 200) user.email = next;
      } finally {
        user.busy = false;
      }
    },
  };
}

/**
 * Starts `flow` `rate` times a second, evenly spaced, for `seconds`, whatever earlier starts are
 * doing; resolves once every start has settled.
 */
export async function schedule(rate: number, seconds: number, flow: Flow): Promise<void> {
  if (rate <= 0) return;
  const interval = 1000 / rate;
  const total = Math.floor(rate * seconds);
  const start = performance.now() + 10;
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(flow(due));
  }
  await Promise.all(running);
}
