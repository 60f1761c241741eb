/**
 * Who is acting, for the audit log, when it is not the signed-in user themselves: an operator
 * through the admin API, an operator inside a session they started as a user (impersonation),
 * or the command line. The HTTP core and the CLI run an operation inside `withActor`; every event
 * emitted while it runs carries the actor (`actorId`) and how they acted (`data.via`), without
 * every operation having to pass it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Actor {
  /** An operator's user id, or `cli`. */
  readonly id: string;
  readonly via: 'admin_api' | 'console' | 'impersonation' | 'cli';
}

const storage = new AsyncLocalStorage<Actor>();

/** Runs `work` with `actor` recorded on every event it emits. */
export function withActor<T>(actor: Actor, work: () => Promise<T>): Promise<T> {
  return storage.run(actor, work);
}

/** The actor of the operation running now, if someone other than the user is acting. */
export function currentActor(): Actor | undefined {
  return storage.getStore();
}
