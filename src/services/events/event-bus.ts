/**
 * Announces events: each is appended to the audit log, then handed to `on(...)` handlers after
 * the fact. Handlers are best-effort — a failing handler is logged and never breaks the flow —
 * and so is the audit append, which must not turn a completed sign-in into an error.
 */
import type { Clock } from '../../core/clock.js';
import type { EventData, EventType, GatehouseEvent } from '../../core/events.js';
import { monotonicIds, type SessionId, type UserId } from '../../core/ids.js';
import type { Logger } from '../../core/logger.js';
import type { Random } from '../../core/random.js';
import type { AuditStore } from '../../store/ports/audit-store.js';
import type { ClientInfo } from '../context.js';

export type EventHandler<T extends EventType = EventType> = (
  event: GatehouseEvent<T>,
) => void | Promise<void>;

export interface EmitInput {
  readonly type: EventType;
  readonly outcome?: 'success' | 'failure';
  readonly userId?: UserId | null;
  readonly sessionId?: SessionId | null;
  readonly client?: ClientInfo;
  readonly data?: EventData;
}

export interface EventBus {
  /** Calls `handler` after every event of `type` (or of every type, with `'*'`). Returns an unsubscribe. */
  on<T extends EventType>(type: T | '*', handler: EventHandler<T>): () => void;
  emit(input: EmitInput): Promise<void>;
  /** Where events are recorded; set once the store is open. */
  record(audit: AuditStore): void;
}

export function createEventBus(clock: Clock, random: Random, logger: Logger): EventBus {
  const handlers = new Map<EventType | '*', Set<EventHandler>>();
  let audit: AuditStore | undefined;
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
      const event: GatehouseEvent = {
        type: input.type,
        at,
        outcome: input.outcome ?? 'success',
        userId: input.userId ?? null,
        sessionId: input.sessionId ?? null,
        ip: input.client?.ip ?? null,
        userAgent: input.client?.userAgent?.slice(0, 512) ?? null,
        data: input.data ?? {},
      };
      try {
        await audit?.append({ id: nextId('evt', at), ...event });
      } catch (error) {
        logger.error(
          { event: event.type, err: error instanceof Error ? error.message : String(error) },
          'audit append failed',
        );
      }
      deliver(event);
    },
    record(store) {
      audit = store;
    },
  };
}
