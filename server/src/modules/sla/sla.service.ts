import { type SlaState, slaState } from "@leadline/shared";
import { eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadRow, leads } from "../../db/schema/index.js";
import { appendLeadEvent } from "../events/event.service.js";
import type { JobQueue } from "../jobs/job-queue.js";

/** How late a timer may run and still count as on time; also absorbs clock skew between app and database. */
const TOLERANCE_MS = 1_000;

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

/**
 * SLA timers. The state itself is computed from stored times (always right
 * on read); these timers announce each change once, as an SLA_CHANGED event,
 * when it happens.
 */
export class SlaService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Schedules one check at the clock's next future threshold, inside the
   * caller's transaction; each check schedules the one after it, so a lead
   * costs one pending job at a time.
   */
  async scheduleTimers(tx: Executor, lead: Pick<LeadRow, "id" | "slaAtRiskAt" | "firstResponseDueAt">): Promise<void> {
    await this.scheduleTimersOfMany(tx, [lead]);
  }

  /** Each lead's next SLA threshold as a timer, in one statement for a batch of new leads. */
  async scheduleTimersOfMany(
    tx: Executor,
    many: readonly Pick<LeadRow, "id" | "slaAtRiskAt" | "firstResponseDueAt">[],
  ): Promise<void> {
    const jobs = many.flatMap((lead) => {
      const next = [lead.slaAtRiskAt, lead.firstResponseDueAt].find(
        (at) => at && at.getTime() > Date.now() - TOLERANCE_MS,
      );
      return next ? [{ data: { leadId: lead.id, at: next.toISOString() }, startAfter: next }] : [];
    });
    await this.jobs.scheduleMany(tx, "sla-check", jobs);
  }

  /**
   * Job handler: locks the lead, computes the state as of the threshold (a
   * timer that fires a little early or late still sees the right state) and
   * records a change against the last announced state. Two instances racing
   * on the same lead serialize on the row lock; the second finds nothing new.
   */
  async checkSla(data: { leadId: string; at: string }): Promise<void> {
    if (!isUuid(data.leadId)) return;
    await this.db.transaction(async (tx) => {
      const [lead] = await tx.select().from(leads).where(eq(leads.id, data.leadId)).for("update");
      if (!lead || lead.retiredAt || lead.convertedAt) return;
      const asOf = new Date(Math.max(Date.now(), new Date(data.at).getTime()));
      await this.announce(tx, lead, slaState(slaFactsOf(lead), asOf));
      const breach = lead.firstResponseDueAt;
      if (breach && breach.getTime() > asOf.getTime() && !lead.firstResponseAt && !lead.slaPaused) {
        await this.jobs.schedule(
          tx,
          "sla-check",
          { leadId: lead.id, at: breach.toISOString() },
          { startAfter: breach },
        );
      }
    });
  }

  /** A paused clock starts (the customer answered, e.g. accepted their invitation): announce it and arm the timers. */
  async resume(tx: Executor, lead: LeadRow): Promise<void> {
    await this.announce(tx, lead, slaState(slaFactsOf(lead), new Date()));
    await this.scheduleTimers(tx, lead);
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
