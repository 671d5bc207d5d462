import { setImmediate as nextTurn } from "node:timers/promises";
import { asc, eq, getTableColumns, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type LeadEventRow, type LeadRow, leadEvents, leads } from "../../db/schema/index.js";
import type { Logger } from "../../logger.js";
import type { Viewer } from "../auth/viewer.js";
import type { EventAnnouncement, EventBus } from "../events/event-bus.js";
import { canSeeLead } from "../lead-core/lead-access.js";

export interface LiveEvent {
  event: LeadEventRow;
  lead: LeadRow;
}

/** Events waiting for a slow client before its connection is closed. */
export const SUBSCRIBER_BUFFER = 1_000;

/**
 * Events handed out before the fan-out yields to the event loop, so fast
 * clients drain their queues during a large burst (a pipeline remap) and only
 * clients that truly lag reach SUBSCRIBER_BUFFER.
 */
const DELIVERY_CHUNK = 200;

/** Announced events read per query: bounds one read's size. */
const READ_BATCH = 5_000;

/** WebSocket close code for a client that cannot keep up (1013: try again later). */
export const SLOW_CONSUMER_CLOSE = {
  code: 1013,
  reason: "Slow consumer: too many events waiting; reconnect and catch up",
};

/** Cuts the client's connection; absent outside WebSocket transports. */
export type CloseConnection = (code: number, reason: string) => void;

/**
 * Whether a viewer receives this event: they may see the lead as it is now,
 * or the event is the one that took it out of their sight, so the boards and
 * inboxes that showed it learn that it left. A merge retires the source lead
 * in the same change that records its MERGED event (judged as if still
 * active); an assignment hands the lead to someone else (judged also under its
 * previous owner, so the rep it was taken from, or every rep who saw it in the
 * pool, hears of it once). Later events for it reach them no more.
 */
export function mayReceive(viewer: Viewer, { event, lead }: LiveEvent): boolean {
  if (canSeeLead(viewer, lead)) return true;
  if (lead.retiredAt && (event.type === "MERGED" || event.type === "DELETED")) {
    return canSeeLead(viewer, { ...lead, retiredAt: null });
  }
  if (event.type === "ASSIGNED") {
    const from = event.payload.from;
    return canSeeLead(viewer, { ...lead, ownerId: typeof from === "string" ? from : null });
  }
  return false;
}

/** One subscription: a bounded queue read as an async iterator by graphql-ws. */
export class Subscriber implements AsyncIterableIterator<LiveEvent> {
  private readonly buffer: LiveEvent[] = [];
  private waiting: ((result: IteratorResult<LiveEvent>) => void) | null = null;
  private failure: Error | null = null;
  private ended = false;
  private sink: ((item: LiveEvent) => void) | null = null;

  constructor(
    readonly viewer: Viewer,
    readonly accepts: (event: LiveEvent) => boolean,
    private readonly onEnd: (subscriber: Subscriber) => void,
    private readonly closeConnection?: CloseConnection,
    private readonly capacity = SUBSCRIBER_BUFFER,
  ) {}

  /**
   * From now on each event goes straight to `sink` as it is pushed, in order, and none is queued
   * here: a consumer that writes to its socket itself (graphql/shared-execution.ts) takes events
   * without a promise per event. What was queued goes first. `next` then settles only at the end.
   */
  deliverTo(sink: (item: LiveEvent) => void): void {
    this.sink = sink;
    for (const item of this.buffer.splice(0)) sink(item);
  }

  push(item: LiveEvent): void {
    if (this.ended) return;
    if (this.sink) {
      this.sink(item);
    } else if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
    } else if (this.buffer.length >= this.capacity) {
      // A client that cannot keep up is cut off rather than buffered without bound.
      this.failure = new Error(`Subscription ended: more than ${this.capacity} events waiting for this client`);
      this.finish();
      this.closeConnection?.(SLOW_CONSUMER_CLOSE.code, SLOW_CONSUMER_CLOSE.reason);
    } else {
      this.buffer.push(item);
    }
  }

  next(): Promise<IteratorResult<LiveEvent>> {
    // Once cut off, nothing more is delivered: the client catches up with leadEventsSince.
    if (this.failure) return Promise.reject(this.failure);
    const item = this.buffer.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<LiveEvent>> {
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private finish() {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(this);
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
    if (this.failure) this.buffer.length = 0;
  }
}

/**
 * Live fan-out (DESIGN.md): the event row commits with the change, NOTIFY
 * carries only `tenant:sequence`, and every instance reads the announced rows
 * in sequence order and hands each to its subscribers of that tenant whose
 * viewer may see the lead (`mayReceive`, on the row as it is now) and whose filter
 * accepts it. Delivery is at least once; clients dedupe by sequence and catch
 * up with leadEventsSince after a drop.
 */
export class LiveEventsService {
  private readonly byTenant = new Map<string, Set<Subscriber>>();
  private pending: number[] = [];
  private flushing: Promise<void> | null = null;
  private stopListening: (() => Promise<void>) | null = null;

  /** Told each delivered event's lag from its commit, in seconds (the Prometheus fan-out histogram). */
  onDelivered: ((lagSeconds: number) => void) | null = null;

  /** Built and parsed once per start: it runs for every announcement. */
  private readAnnounced: ReturnType<typeof prepareAnnouncedRead> | null = null;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  /**
   * Listens from now on. `reader` is the connection the announced rows are
   * read through: the database's session connection where requests go
   * through a transaction-pooling PgBouncer (DatabaseHandle.sessionDb). The
   * fan-out is one long-lived reader per instance, like the LISTEN beside it,
   * and the cluster check saw its read through the pooler, right after
   * another instance was killed mid-statement, never answered: every
   * subscriber of this instance then waited for good.
   */
  async start(bus: EventBus, reader: Database = this.db): Promise<void> {
    this.readAnnounced = prepareAnnouncedRead(reader);
    this.stopListening = await bus.subscribe((announcement) => this.announce(announcement));
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = null;
    for (const subscribers of this.byTenant.values()) for (const s of [...subscribers]) void s.return();
  }

  /**
   * Registers at once, with no I/O on the way from the socket's subscribe
   * message to here: a catch-up sent after it on the same socket reads only
   * once the subscriber is in place (docs/realtime.md, "Starting without a gap").
   */
  subscribe(
    viewer: Viewer,
    accepts: (event: LiveEvent) => boolean,
    closeConnection?: CloseConnection,
  ): AsyncIterableIterator<LiveEvent> {
    const subscriber = new Subscriber(
      viewer,
      accepts,
      (s) => this.byTenant.get(s.viewer.tenantId)?.delete(s),
      closeConnection,
    );
    const set = this.byTenant.get(viewer.tenantId) ?? new Set();
    set.add(subscriber);
    this.byTenant.set(viewer.tenantId, set);
    return subscriber;
  }

  /** Live subscriptions open on this instance. */
  subscriptionCount(): number {
    let n = 0;
    for (const subscribers of this.byTenant.values()) n += subscribers.size;
    return n;
  }

  private announce({ tenantId, sequence }: EventAnnouncement): void {
    // Nobody here listens to this tenant: nothing to read.
    if (!this.byTenant.get(tenantId)?.size) return;
    this.pending.push(sequence);
    this.flushing ??= this.drain();
  }

  /** One reader at a time, so events go out in sequence order; runs until nothing is announced. */
  private async drain(): Promise<void> {
    try {
      while (this.pending.length) await this.flush();
    } finally {
      this.flushing = null;
    }
  }

  /** Reads the announced events (at most READ_BATCH) in one query, oldest first, and delivers them. */
  private async flush(): Promise<void> {
    const sequences = this.pending.splice(0, READ_BATCH);
    try {
      const rows = (await this.readAnnounced?.execute({ sequences: `{${sequences.join(",")}}` })) ?? [];
      const now = Date.now();
      if (this.onDelivered) for (const row of rows) this.onDelivered((now - row.event.createdAt.getTime()) / 1000);
      for (const [i, row] of rows.entries()) {
        if (i > 0 && i % DELIVERY_CHUNK === 0) await nextTurn();
        for (const subscriber of this.byTenant.get(row.event.tenantId) ?? []) {
          if (mayReceive(subscriber.viewer, row) && subscriber.accepts(row)) subscriber.push(row);
        }
      }
    } catch (err) {
      this.log.error({ err }, "live events: reading announced events failed");
    }
  }
}

function prepareAnnouncedRead(db: Database) {
  return db
    .select({ event: getTableColumns(leadEvents), lead: getTableColumns(leads) })
    .from(leadEvents)
    .innerJoin(leads, eq(leads.id, leadEvents.leadId))
    .where(sql`${leadEvents.sequence} = any(${sql.placeholder("sequences")}::bigint[])`)
    .orderBy(asc(leadEvents.sequence))
    .prepare("live_announced_events");
}
