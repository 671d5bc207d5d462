import {
  type FieldError,
  isPipelinePreset,
  PIPELINE_PRESETS,
  type StageDefinition,
  validateStages,
} from "@leadline/shared";
import { and, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { leadEvents, leads, type PipelineRow, pipelines, stages } from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, conflict, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { PipelineService } from "./pipeline.service.js";

export interface StageMappingParams {
  /** A stage key being removed or renamed that still holds leads. */
  from: string;
  /** The new pipeline's stage those leads move to. */
  to: string;
}

export interface UpdatePipelineParams {
  name?: string | null;
  stages: StageDefinition[];
  stageMapping?: StageMappingParams[] | null;
}

/** Creating and reshaping pipelines: tenant configuration, so admins only. */
export class PipelineAdminService {
  constructor(
    private readonly db: Database,
    private readonly pipelines: PipelineService,
  ) {}

  async createPipeline(viewer: Viewer, name: string, preset: string): Promise<PipelineRow> {
    if (!viewer.permissions.admin) throw forbidden("Only admins configure pipelines");
    const errors: FieldError[] = [];
    const trimmed = name.trim();
    if (!trimmed) errors.push({ field: "name", message: "is required" });
    if (!isPipelinePreset(preset)) {
      errors.push({ field: "preset", message: `must be one of ${Object.keys(PIPELINE_PRESETS).join(", ")}` });
    }
    if (errors.length || !isPipelinePreset(preset)) throw badInput(errors);
    const created = await this.db.transaction(async (tx) => {
      await this.assertNameFree(tx, viewer.tenantId, trimmed, null);
      return this.pipelines.createFromPreset(tx, viewer.tenantId, trimmed, preset, false);
    });
    this.pipelines.stagesChanged(viewer);
    return created;
  }

  /**
   * Replaces the stage list. Leads never lose their stage: a removed or
   * renamed stage that still holds leads is refused with CONFLICT unless
   * `stageMapping` sends them to a stage of the new list; mapped leads move
   * in the same transaction, each with a STATUS_CHANGED event.
   */
  async updatePipeline(viewer: Viewer, id: string, params: UpdatePipelineParams): Promise<PipelineRow> {
    if (!viewer.permissions.admin) throw forbidden("Only admins configure pipelines");
    const errors = validateStages(params.stages);
    const name = params.name?.trim();
    if (params.name !== undefined && params.name !== null && !name)
      errors.push({ field: "name", message: "is required" });
    const newKeys = new Set(params.stages.map((s) => s.key));
    for (const [i, m] of (params.stageMapping ?? []).entries()) {
      const target = params.stages.find((s) => s.key === m.to);
      if (!target) errors.push({ field: `stageMapping.${i}.to`, message: `'${m.to}' is not a stage of the new list` });
      // The stage-change rule, kept here too: no path but conversion enters a conversion-only stage.
      else if (target.conversionOnly)
        errors.push({ field: `stageMapping.${i}.to`, message: `'${m.to}' is reached only through conversion` });
    }
    if (errors.length) throw badInput(errors);
    const updated = await this.db.transaction(async (tx) => {
      const [pipeline] = isUuid(id)
        ? await tx
            .select()
            .from(pipelines)
            .where(and(eq(pipelines.id, id), eq(pipelines.tenantId, viewer.tenantId)))
            .for("update")
        : [];
      assertFoundOrThrow(pipeline, "Pipeline");
      if (name && name !== pipeline.name) await this.assertNameFree(tx, viewer.tenantId, name, pipeline.id);
      const removed = (await this.pipelines.stagesOf(tx, [pipeline.id]))
        .map((s) => s.key)
        .filter((k) => !newKeys.has(k));
      const occupied = removed.length
        ? await tx
            .select({ status: leads.status, n: count() })
            .from(leads)
            .where(and(eq(leads.pipelineId, pipeline.id), inArray(leads.status, removed), isNull(leads.retiredAt)))
            .groupBy(leads.status)
        : [];
      const mapping = new Map((params.stageMapping ?? []).map((m) => [m.from, m.to]));
      const unmapped = occupied.filter((o) => !mapping.has(o.status));
      if (unmapped.length) {
        throw conflict(
          "STAGE_NOT_EMPTY",
          `Stages still hold leads: ${unmapped.map((o) => `${o.status} (${o.n})`).join(", ")}; map them to another stage`,
          unmapped.map((o) => ({ field: "stageMapping", message: `'${o.status}' holds ${o.n} leads` })),
          { stagesWithLeads: unmapped.map((o) => ({ key: o.status, leads: o.n })) },
        );
      }
      for (const { status } of occupied) {
        const to = mapping.get(status) as string;
        const won = params.stages.find((s) => s.key === to)?.category === "WON";
        // One statement per mapped stage moves the leads and logs each move. A structural remap, not a
        // transition (the old stage is going away), so the transitions map does not apply; the WON
        // side effect of planStageChange does: a won lead may be asked for a review.
        await tx.execute(sql`with moved as (
            update ${leads} set status = ${to}, version = version + 1, updated_at = now(),
              review_request_status = case when ${won} and review_request_status = 'NOT_ELIGIBLE'
                then 'ELIGIBLE' else review_request_status end
            where pipeline_id = ${pipeline.id} and status = ${status} and retired_at is null
            returning id, tenant_id, version)
          insert into ${leadEvents} (tenant_id, lead_id, type, actor_user_id, payload)
          select tenant_id, id, 'STATUS_CHANGED', ${viewer.userId},
            jsonb_build_object('from', ${status}::text, 'to', ${to}::text, 'via', 'PIPELINE_EDIT',
              'reason', 'stage removed from pipeline', 'version', version)
          from moved`);
      }
      await tx.delete(stages).where(eq(stages.pipelineId, pipeline.id));
      await tx.insert(stages).values(
        params.stages.map((s, position) => ({
          tenantId: viewer.tenantId,
          pipelineId: pipeline.id,
          key: s.key,
          label: s.label.trim(),
          category: s.category,
          position,
          transitions: [...new Set(s.transitions)],
          wipLimit: s.wipLimit ?? null,
          conversionOnly: s.conversionOnly ?? false,
          pausesSla: s.pausesSla ?? false,
        })),
      );
      const [updated] = await tx
        .update(pipelines)
        .set({ name: name ?? pipeline.name })
        .where(eq(pipelines.id, pipeline.id))
        .returning();
      assertFoundOrThrow(updated, "Pipeline");
      return updated;
    });
    this.pipelines.stagesChanged(viewer);
    return updated;
  }

  private async assertNameFree(tx: Executor, tenantId: string, name: string, except: string | null) {
    const [clash] = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(
        and(eq(pipelines.tenantId, tenantId), eq(pipelines.name, name), except ? ne(pipelines.id, except) : undefined),
      );
    if (clash)
      throw conflict("ALREADY_EXISTS", `A pipeline named '${name}' already exists`, [
        { field: "name", message: "is taken" },
      ]);
  }
}
