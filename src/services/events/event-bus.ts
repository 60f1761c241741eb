/**
 * Announces events: each is appended to the audit log, stored for webhook delivery, then handed
 * to `on(...)` handlers after the fact. Handlers are best-effort — a failing handler is logged and
 * never breaks the flow — and so are the audit append and the webhook rows, which must not turn
 * a completed sign-in into an error.
 */
import type { Clock } from '../../core/clock.js';
import type { EventData, EventType, GatehouseEvent } from '../../core/events.js';
import { monotonicIds, type SessionId, type UserId } from '../../core/ids.js';
import type { Logger } from '../../core/logger.js';
import type { Random } from '../../core/random.js';
import type { AuditRecord, AuditStore } from '../../store/ports/audit-store.js';
import type { ClientInfo } from '../context.js';
import { currentActor } from './actor.js';

export type EventHandler<T extends EventType = EventType> = (
  event: GatehouseEvent<T>,
) => void | Promise<void>;

export interface EmitInput {
  readonly type: EventType;
  readonly outcome?: 'success' | 'failure';
  readonly userId?: UserId | null;
  readonly sessionId?: SessionId | null;
  /** What was acted on when it is not `userId` (an app, a role, an invitation, a token). */
  readonly targetId?: string | null;
  readonly client?: ClientInfo;
  readonly data?: EventData;
}

/** Durable follow-up work for a recorded event (webhook rows); resolves once it is stored. */
export type EventForwarder = (event: AuditRecord) => Promise<void>;

export interface EventBus {
  /** Calls `handler` after every event of `type` (or of every type, with `'*'`). Returns an unsubscribe. */
  on<T extends EventType>(type: T | '*', handler: EventHandler<T>): () => void;
  emit(input: EmitInput): Promise<void>;
  /**
   * Where events are recorded, and what else stores them (webhooks); set once the store is open.
   * The forwarder gets the audit record, so its id is the event's id everywhere.
   */
  record(audit: AuditStore, forward?: EventForwarder): void;
}

export function createEventBus(clock: Clock, random: Random, logger: Logger): EventBus {
  const handlers = new Map<EventType | '*', Set<EventHandler>>();
  let audit: AuditStore | undefined;
  let forward: EventForwarder | undefined;
  const nextId = monotonicIds(random);

  function deliver(event: GatehouseEvent): void {
    for (const key of [event.type, '*'] as const) {
      for (const handler of handlers.get(key) ?? []) {
        // After the fact and isolated: a throwing or rejecting handler only produces a log line.
        queueMicrotask(() => {
          Promise.resolve()
            .then(() => handler(event))
            .catch((error: unknown) => {
              logger.warn(
                { event: event.type, err: error instanceof Error ? error.message : String(error) },
                'event handler failed',
              );
            });
        });
      }
    }
  }

  return {
    on(type, handler) {
      const set = handlers.get(type) ?? new Set();
      set.add(handler as EventHandler);
      handlers.set(type, set);
      return () => set.delete(handler as EventHandler);
    },
    async emit(input) {
      const at = clock.now();
      const actor = currentActor();
      const event: GatehouseEvent = {
        type: input.type,
        at,
        outcome: input.outcome ?? 'success',
        userId: input.userId ?? null,
        sessionId: input.sessionId ?? null,
        actorId: actor?.id ?? null,
        targetId: input.targetId ?? input.userId ?? null,
        ip: input.client?.ip ?? null,
        userAgent: input.client?.userAgent?.slice(0, 512) ?? null,
        data: actor ? { ...input.data, via: actor.via } : (input.data ?? {}),
      };
      const record: AuditRecord = { id: nextId('evt', at), ...event };
      try {
        await audit?.append(record);
      } catch (error) {
        logger.error(
          { event: event.type, err: error instanceof Error ? error.message : String(error) },
          'audit append failed',
        );
      }
      // Awaited so the rows are durable when the operation returns; not fatal if they are not.
      try {
        await forward?.(record);
      } catch (error) {
        logger.error(
          { event: event.type, err: error instanceof Error ? error.message : String(error) },
          'event forwarding failed',
        );
      }
      deliver(event);
    },
    record(store, forwarder) {
      audit = store;
      forward = forwarder;
    },
  };
}
