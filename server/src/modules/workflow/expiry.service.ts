import { and, asc, eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadRow, leads, type StageRow, stages } from "../../db/schema/index.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";

/** The pipeline's LOST stage: the one named `preferred` if it is LOST, else the first LOST stage. */
export async function lostStageOf(tx: Executor, pipelineId: string, preferred: string): Promise<StageRow | undefined> {
  const lost = await tx
    .select()
    .from(stages)
    .where(and(eq(stages.pipelineId, pipelineId), eq(stages.category, "LOST")))
    .orderBy(asc(stages.position));
  return lost.find((s) => s.key === preferred) ?? lost[0];
}

/** Seed 000's `expiresAt`: an open request past its expiry moves to its pipeline's LOST stage, outcome `expired`. */
export class ExpiryService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
  ) {}

  /** Arms the expiry timer inside the transaction that set `expiresAt`. */
  async schedule(tx: Executor, lead: Pick<LeadRow, "id" | "expiresAt">): Promise<void> {
    if (!lead.expiresAt) return;
    await this.jobs.schedule(tx, "lead-expiry", { leadId: lead.id }, { startAfter: lead.expiresAt });
  }

  /** Job handler; a no-op when the expiry moved later, was cleared, or the lead is no longer open. */
  async expireLead(data: { leadId: string }): Promise<void> {
    if (!isUuid(data.leadId)) return;
    await this.db.transaction(async (tx) => {
      const [lead] = await tx.select().from(leads).where(eq(leads.id, data.leadId)).for("update");
      if (!lead?.expiresAt || lead.retiredAt || lead.convertedAt || lead.expiresAt.getTime() > Date.now() + 1_000)
        return;
      const [current] = await tx
        .select({ category: stages.category })
        .from(stages)
        .where(and(eq(stages.pipelineId, lead.pipelineId), eq(stages.key, lead.status)));
      if (current?.category !== "OPEN") return;
      const lost = await lostStageOf(tx, lead.pipelineId, "lost");
      if (!lost) return;
      await writeLeadChange(
        tx,
        lead,
        { status: lost.key, outcome: "expired" },
        {
          type: "STATUS_CHANGED",
          actor: null,
          payload: { from: lead.status, to: lost.key, reason: "expired", outcome: "expired" },
        },
      );
    });
  }
}
