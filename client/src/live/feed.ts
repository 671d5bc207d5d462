import type { LiveEvent_EventFragment } from "../gql/graphql";

export type LiveEvent = LiveEvent_EventFragment;

/** Where an event came from: pushed over the socket, or read back by catch-up after a drop. */
export type Delivery = "live" | "catch-up";

export type LiveEventHandler = (event: LiveEvent, delivery: Delivery) => void;

/** Sequences remembered for de-duplication: far more than one burst can hold before the server cuts a client. */
const REMEMBERED = 5_000;

/**
 * How long after an event arrives it counts as settled. A change can commit a
 * moment after one with a higher sequence (it drew its number first), so
 * catch-up starts from the highest sequence that arrived this long ago, not
 * from the newest: the server's catchUpCursor keeps the same margin.
 */
const SETTLE_MS = 2_000;

/**
 * The one entry point for lead events in the app. Delivery is at least once
 * and the same event can come through two subscriptions and again through
 * catch-up, so each sequence is handed to the handlers once.
 */
export class LiveFeed {
  private settled: bigint | null = null;
  /** Arrivals not yet settled, oldest first. */
  private readonly recent: { sequence: bigint; at: number }[] = [];
  private readonly seen = new Set<string>();
  private readonly handlers = new Set<LiveEventHandler>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Where a catch-up after a drop starts: the highest sequence settled before
   * it, or just below the events of the last moments when nothing has settled
   * yet; null before any event.
   */
  get resumeSequence(): string | null {
    this.settle();
    if (this.settled !== null) return this.settled.toString();
    if (this.recent.length === 0) return null;
    // Sequences are bigints (Math.min does not take them).
    let lowest = this.recent[0]!.sequence;
    for (const { sequence } of this.recent) if (sequence < lowest) lowest = sequence;
    return (lowest - 1n).toString();
  }

  /** Hands a new event to the handlers; false for a repeat. */
  receive(event: LiveEvent, delivery: Delivery): boolean {
    if (this.seen.has(event.sequence)) return false;
    this.seen.add(event.sequence);
    if (this.seen.size > REMEMBERED) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.recent.push({ sequence: BigInt(event.sequence), at: this.now() });
    this.settle();
    for (const handler of this.handlers) handler(event, delivery);
    return true;
  }

  on(handler: LiveEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  private settle(): void {
    const before = this.now() - SETTLE_MS;
    while (this.recent.length > 0 && this.recent[0]!.at <= before) {
      const { sequence } = this.recent.shift()!;
      if (this.settled === null || sequence > this.settled) this.settled = sequence;
    }
  }
}
