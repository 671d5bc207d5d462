import { canTransition } from "@leadline/shared";
import { eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadRow, leads, type StageRow } from "../../db/schema/index.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { type StageChanger, stagesOfPipeline } from "../pipeline/stage-change.js";

/** The pipeline's LOST stage: the one named `preferred` if it is LOST, else the first LOST stage. */
export function lostStageOf(stages: readonly StageRow[], preferred: string): StageRow | undefined {
  const lost = stages.filter((s) => s.category === "LOST");
  return lost.find((s) => s.key === preferred) ?? lost[0];
}

/** Seed 000's `expiresAt`: an open request past its expiry moves to its pipeline's LOST stage, outcome `expired`. */
export class ExpiryService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly stageChanger: StageChanger,
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
      const stages = await stagesOfPipeline(tx, lead.pipelineId);
      const current = stages.find((s) => s.key === lead.status);
      if (current?.category !== "OPEN") return;
      const lost = lostStageOf(stages, "lost");
      // A pipeline whose stage has no way to LOST keeps the lead where it is (the admin chose that map).
      if (!lost || !canTransition(current, lost.key)) return;
      await this.stageChanger.change(tx, lead, stages, {
        to: lost,
        via: "EXPIRY",
        actor: null,
        outcome: "expired",
        payload: { reason: "expired", outcome: "expired" },
      });
    });
  }
}
