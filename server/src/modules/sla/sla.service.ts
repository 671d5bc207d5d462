import { type SlaState, slaState } from "@leadline/shared";
import { eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadRow, leads, slaClockRunning } from "../../db/schema/index.js";
import type { Logger } from "../../logger.js";
import { appendLeadEvent } from "../events/event.service.js";

export function slaFactsOf(
  lead: Pick<LeadRow, "firstResponseDueAt" | "slaAtRiskAt" | "firstResponseAt" | "slaPaused">,
) {
  return {
    firstResponseDueAt: lead.firstResponseDueAt,
    atRiskAt: lead.slaAtRiskAt,
    firstResponseAt: lead.firstResponseAt,
    paused: lead.slaPaused,
  };
}

/** Leads announced per sweep transaction; a sweep that fills it runs again at once. */
const SWEEP_BATCH = 500;

/**
 * The sweep's reads: the leads whose announced state a threshold has
 * overtaken by `now`, up to SWEEP_BATCH per threshold, each locked FOR UPDATE
 * SKIP LOCKED. One statement per threshold (and partial index), so each is one
 * scan at worst. Both in one `id in (… union all …)` let a planner with stale
 * statistics loop over every open lead once per open lead: 2.5 s a sweep at
 * 3,000 leads on embedded PGlite.
 */
export function slaDueLeads(db: Executor, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return [
    sql`${leads.slaState} = 'ON_TRACK' and least(${leads.slaAtRiskAt}, ${leads.firstResponseDueAt}) <= ${at}`,
    sql`${leads.slaState} = 'AT_RISK' and ${leads.firstResponseDueAt} <= ${at}`,
  ].map((passed) =>
    db
      .select()
      .from(leads)
      .where(sql`${slaClockRunning(leads)} and ${passed}`)
      .limit(SWEEP_BATCH)
      .for("update", { skipLocked: true }),
  );
}

/**
 * SLA announcements. The state itself is computed from stored times (always
 * right on read); the sweep announces each change once, as an SLA_CHANGED
 * event, when its threshold passes. Nothing is scheduled per lead: a lead
 * whose announced state a threshold has overtaken is found by two small
 * partial indexes (`leads_sla_*_due_idx`), so a create writes no timer, and a
 * clock that starts, pauses or stops needs no timer kept in step.
 */
export class SlaService {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  /**
   * Announces every lead whose threshold has passed by `now`, up to 500 of
   * each threshold per transaction. Each lead is locked FOR UPDATE SKIP LOCKED, so
   * instances sweeping at once share the work and announce each change once;
   * a lead due while every instance was down is announced at the first sweep.
   * Answers how many leads it announced.
   */
  async sweep(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const { announced, full } = await this.db.transaction(async (tx) => {
        let announced = 0;
        let full = false;
        for (const due of slaDueLeads(tx, now)) {
          const rows = await due;
          for (const lead of rows) await this.announce(tx, lead, slaState(slaFactsOf(lead), now));
          announced += rows.length;
          full ||= rows.length === SWEEP_BATCH;
        }
        return { announced, full };
      });
      total += announced;
      if (!full) return total;
    }
  }

  /** Sweeps every `intervalMs` until `stopSweeping`; one sweep at a time per instance. */
  startSweeping(intervalMs = 500): void {
    if (this.timer) return;
    const tick = () => {
      this.sweeping = this.sweep()
        .then(
          () => {},
          (err: unknown) => this.log.error({ err }, "SLA sweep failed"),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops the sweep and waits for one under way. */
  async stopSweeping(): Promise<void> {
    const timer = this.timer;
    this.timer = null;
    if (timer) clearTimeout(timer);
    await this.sweeping;
  }

  /**
   * Handler of the `sla-check` jobs that earlier versions scheduled per lead:
   * kept so that jobs still queued at an upgrade do no harm. It announces as
   * the sweep would; the sweep would have announced it anyway.
   */
  async checkSla(data: { leadId: string; at: string }): Promise<void> {
    if (!isUuid(data.leadId)) return;
    await this.db.transaction(async (tx) => {
      const [lead] = await tx.select().from(leads).where(eq(leads.id, data.leadId)).for("update");
      if (!lead || lead.retiredAt || lead.convertedAt) return;
      await this.announce(tx, lead, slaState(slaFactsOf(lead), new Date()));
    });
  }

  /** A paused clock starts (the customer answered, e.g. accepted their invitation): announced; the sweep takes it from there. */
  async resume(tx: Executor, lead: LeadRow): Promise<void> {
    await this.announce(tx, lead, slaState(slaFactsOf(lead), new Date()));
  }

  /**
   * The first outbound message stops the clock. The messaging module calls
   * this inside the transaction that records the message.
   */
  async recordFirstResponse(tx: Executor, lead: LeadRow, at: Date): Promise<LeadRow> {
    if (lead.firstResponseAt) return lead;
    const [updated] = await tx.update(leads).set({ firstResponseAt: at }).where(eq(leads.id, lead.id)).returning();
    if (!updated) return lead;
    // MET when on time, BREACHED when late (slaState says which): a late reply does not turn a breach into a success.
    await this.announce(tx, updated, slaState(slaFactsOf(updated), at));
    return updated;
  }

  private async announce(tx: Executor, lead: LeadRow, state: SlaState): Promise<void> {
    if (state === lead.slaState) return;
    await tx.update(leads).set({ slaState: state }).where(eq(leads.id, lead.id));
    await appendLeadEvent(tx, {
      tenantId: lead.tenantId,
      leadId: lead.id,
      type: "SLA_CHANGED",
      actor: null,
      payload: {
        from: lead.slaState,
        to: state,
        firstResponseDueAt: lead.firstResponseDueAt?.toISOString() ?? null,
        atRiskAt: lead.slaAtRiskAt?.toISOString() ?? null,
      },
    });
  }
}
