import { DEFAULT_WEBHOOK_DELIVERY, type WebhookDeliveryTuning } from "../../config.js";
import type { Database } from "../../db/client.js";
import { withTenant } from "../../db/tenant-scope.js";
import type { Logger } from "../../logger.js";
import type { SecretBox } from "../auth/secret-box.js";
import type { EventBus } from "../events/event-bus.js";
import { judgeFailure } from "./delivery-schedule.js";
import {
  abandonDelivery,
  type ClaimedDelivery,
  claimDueDeliveries,
  type LogMark,
  loadClaimed,
  materializeDeliveries,
  readLogMark,
  recordFailure,
  recordSuccess,
  releaseDeliveries,
  tenantsWithActiveEndpoints,
} from "./webhook-outbox.js";
import { eventDocumentOf, messageIdOf } from "./webhook-payload.js";
import { type AttemptOutcome, WebhookSender } from "./webhook-sender.js";

/**
 * A log mark becomes the cursors' horizon only this long after it was taken,
 * as well as after every transaction running then has ended: a transaction
 * draws an event's number an instant before it is given its id, and this
 * covers that instant many times over.
 */
const MARK_MIN_AGE_MS = 1_000;

export interface DispatcherOptions {
  allowPrivateNetworks: boolean;
  tuning?: Partial<WebhookDeliveryTuning>;
}

/**
 * Delivers outbound webhooks from the lead event log, on every instance.
 *
 * - Wakes when an event of a tenant with an active endpoint commits (the
 *   LISTEN/NOTIFY bus), and every `pollMs` for retries that came due and for
 *   anything an announcement missed, so a committed change is never lost.
 * - Each pass turns new events into deliveries (webhook-outbox.ts), then
 *   claims due deliveries with FOR UPDATE SKIP LOCKED and a lease, so
 *   instances share the work without sending anything twice.
 * - Attempts run concurrently (up to `concurrency`), outside any
 *   transaction; each outcome is recorded in its own short transaction.
 */
export class WebhookDispatcher {
  readonly tuning: WebhookDeliveryTuning;
  private readonly sender: WebhookSender;
  /** Beyond the attempt's own timeout, so a lease never ends while its attempt may still be running. */
  private readonly leaseMs: number;
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;
  private rerun = false;
  private sweepDue = true;
  private readonly announcedTenants = new Set<string>();
  private watchedTenants = new Set<string>();
  private marks: LogMark[] = [];
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  private started = false;

  constructor(
    private readonly db: Database,
    private readonly secretBox: SecretBox,
    private readonly log: Logger,
    options: DispatcherOptions,
  ) {
    this.tuning = { ...DEFAULT_WEBHOOK_DELIVERY, ...options.tuning };
    this.leaseMs = this.tuning.attemptTimeoutMs * 3 + 5_000;
    this.sender = new WebhookSender({
      allowPrivateNetworks: options.allowPrivateNetworks,
      timeoutMs: this.tuning.attemptTimeoutMs,
    });
  }

  async start(bus: EventBus): Promise<void> {
    this.started = true;
    this.unsubscribe = await bus.subscribe(({ tenantId }) => {
      if (!this.watchedTenants.has(tenantId)) return;
      this.announcedTenants.add(tenantId);
      this.wake();
    });
    this.timer = setInterval(() => {
      this.sweepDue = true;
      this.wake();
    }, this.tuning.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** An endpoint of this tenant was created or changed here: listen for its events now, not at the next sweep. */
  watchTenant(tenantId: string): void {
    this.watchedTenants.add(tenantId);
    this.sweepDue = true;
    this.wake();
  }

  /** Stops polling, cuts attempts in flight short (they go back in line, uncounted), and waits for the last pass. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    await this.unsubscribe?.();
    this.stopping.abort();
    await this.running;
    await Promise.all(this.inFlight.values());
    this.sender.close();
  }

  /** Runs a pass now, or right after the one running. */
  private wake(): void {
    if (!this.started) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    // A pass serves every tenant: not the scope of the request that may have woken it.
    this.running = withTenant(null, () => this.runPasses()).finally(() => {
      this.running = null;
    });
  }

  private async runPasses(): Promise<void> {
    do {
      this.rerun = false;
      try {
        await this.pass();
      } catch (err) {
        // A database hiccup: the next poll tries again; nothing is lost, the log is the outbox.
        if (this.started) this.log.error({ err }, "webhook delivery pass failed");
      }
    } while (this.rerun && this.started);
  }

  private async pass(): Promise<void> {
    if (this.sweepDue) {
      this.sweepDue = false;
      this.announcedTenants.clear();
      await this.sweep();
    } else if (this.announcedTenants.size > 0) {
      const tenantIds = [...this.announcedTenants];
      this.announcedTenants.clear();
      await materializeDeliveries(this.db, { tenantIds });
    }
    await this.claimAndSend();
  }

  /**
   * Every endpoint, every poll: picks up events whose announcement was
   * missed or that committed out of sequence order, and moves the cursors up
   * to the newest mark that is now safe (see LogMark).
   */
  private async sweep(): Promise<void> {
    this.watchedTenants = new Set(await tenantsWithActiveEndpoints(this.db));
    const { mark, xmin } = await readLogMark(this.db);
    const now = Date.now();
    let horizon: number | null = null;
    while (this.marks[0] && this.marks[0].xmax <= xmin && now - this.marks[0].takenAt >= MARK_MIN_AGE_MS) {
      horizon = (this.marks.shift() as LogMark).sequence;
    }
    if (this.marks.at(-1)?.sequence !== mark.sequence || this.marks.length === 0) this.marks.push(mark);
    // Bounded: marks pile up only while a transaction stays open; the oldest still holds the horizon back.
    if (this.marks.length > 1_000) this.marks.splice(1, this.marks.length - 1_000);
    if (this.watchedTenants.size === 0) return;
    await materializeDeliveries(this.db, { horizon });
  }

  private async claimAndSend(): Promise<void> {
    const room = this.tuning.concurrency - this.inFlight.size;
    if (room <= 0) return;
    const ids = await claimDueDeliveries(this.db, room, this.leaseMs);
    if (ids.length === 0) return;
    for (const claimed of await loadClaimed(this.db, ids)) {
      const id = claimed.delivery.id;
      const attempt = this.attempt(claimed)
        .catch((err) => this.log.error({ err, deliveryId: id }, "webhook delivery attempt failed to record"))
        .finally(() => {
          this.inFlight.delete(id);
          // The lead's next event may go now, and a slot is free.
          this.wake();
        });
      this.inFlight.set(id, attempt);
    }
    // More may be due than there was room for; they go when a slot frees (wake above).
  }

  private async attempt(claimed: ClaimedDelivery): Promise<void> {
    const { delivery, event, endpoint } = claimed;
    // Its lead was deleted, and the lead's events with it: there is nothing left to send.
    if (!event) return abandonDelivery(this.db, delivery.id, "the event no longer exists");
    let secret: string;
    try {
      secret = this.secretBox.open(endpoint.secretSealed, delivery.tenantId);
    } catch {
      // Sealed under another server key (SECRETS_KEY changed): every attempt would fail alike.
      return abandonDelivery(this.db, delivery.id, "the endpoint's secret cannot be opened with this server's key");
    }
    const document = eventDocumentOf(event, { id: delivery.tenantId, slug: claimed.tenantSlug }, claimed.lead);
    const outcome = await this.sender.send(
      new URL(endpoint.url),
      { id: messageIdOf(delivery.endpointId, delivery.eventSequence), body: JSON.stringify(document), secret },
      this.stopping.signal,
    );
    await this.record(claimed, outcome);
  }

  private async record({ delivery }: ClaimedDelivery, outcome: AttemptOutcome): Promise<void> {
    if (outcome.interrupted) {
      await releaseDeliveries(this.db, [delivery.id]);
      return;
    }
    if (outcome.ok) {
      await recordSuccess(this.db, delivery, outcome);
      return;
    }
    const { disabled } = await recordFailure(this.db, delivery, outcome, (facts) => {
      const verdict = judgeFailure(
        {
          now: facts.now,
          failingSince: facts.failingSince,
          queuedAt: delivery.createdAt,
          failures: delivery.attempt + 1,
        },
        this.tuning,
      );
      return {
        nextAttemptAt: verdict.nextAttemptAt,
        disableReason: verdict.disableEndpoint
          ? `Every attempt has failed since ${facts.failingSince.toISOString()} (last: ${outcome.error}); re-enable the endpoint to resume`
          : null,
      };
    });
    if (disabled)
      this.log.warn({ endpointId: delivery.endpointId }, "webhook endpoint disabled after persistent failure");
  }
}
