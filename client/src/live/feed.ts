import type { LiveEvent_EventFragment } from "../gql/graphql";

export type LiveEvent = LiveEvent_EventFragment;

/** Where an event came from: pushed over the socket, or read back by catch-up after a drop. */
export type Delivery = "live" | "catch-up";

export type LiveEventHandler = (event: LiveEvent, delivery: Delivery) => void;

/** Sequences remembered for de-duplication: far more than one burst can hold before the server cuts a client. */
const REMEMBERED = 5_000;

/**
 * The one entry point for lead events in the app. Delivery is at least once
 * and the same event can come through two subscriptions and again through
 * catch-up, so each sequence is handed to the handlers once; the highest
 * sequence seen is where catch-up starts after a drop.
 */
export class LiveFeed {
  private highest: bigint | null = null;
  private readonly seen = new Set<string>();
  private readonly handlers = new Set<LiveEventHandler>();

  get highestSequence(): string | null {
    return this.highest === null ? null : this.highest.toString();
  }

  receive(event: LiveEvent, delivery: Delivery): void {
    if (this.seen.has(event.sequence)) return;
    this.seen.add(event.sequence);
    if (this.seen.size > REMEMBERED) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    const sequence = BigInt(event.sequence);
    if (this.highest === null || sequence > this.highest) this.highest = sequence;
    for (const handler of this.handlers) handler(event, delivery);
  }

  on(handler: LiveEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}
