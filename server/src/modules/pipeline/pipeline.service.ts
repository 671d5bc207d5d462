import {
  DEFAULT_PIPELINE_PRESET,
  PIPELINE_PRESETS,
  type PipelinePresetKey,
  type StageDefinition,
} from "@leadline/shared";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type PipelineRow, pipelines, type StageRow, stages, type TenantRow, tenants } from "../../db/schema/index.js";
import { TenantConfigCache } from "../../db/tenant-config-cache.js";
import { badInput } from "../../errors.js";

export interface PipelineWithStages {
  pipeline: PipelineRow;
  stages: StageRow[];
}

/** A tenant's pipelines (oldest first) and each one's stages in board order, as reads share them. */
interface TenantPipelines {
  pipelines: PipelineRow[];
  stagesOf: Map<string, StageRow[]>;
}

type PresetStage = Pick<
  StageRow,
  "key" | "label" | "category" | "position" | "transitions" | "wipLimit" | "conversionOnly" | "pausesSla"
>;

/** A preset's stage as a pipeline stores it. */
function presetStage(stage: StageDefinition, position: number): PresetStage {
  return {
    key: stage.key,
    label: stage.label,
    category: stage.category,
    position,
    transitions: stage.transitions,
    wipLimit: stage.wipLimit ?? null,
    conversionOnly: stage.conversionOnly ?? false,
    pausesSla: stage.pausesSla ?? false,
  };
}

export class PipelineService {
  constructor(private readonly db: Database) {
    this.contextOfDefault = this.prepareContext(eq(pipelines.isDefault, true), "lead_context_default");
    this.contextOfPipeline = this.prepareContext(
      eq(pipelines.id, sql.placeholder("pipelineId")),
      "lead_context_pipeline",
    );
    this.tenantPipelines = this.prepareTenantPipelines();
  }

  /** Every new tenant gets one pipeline per preset; `lifecycle` is the default. */
  async installPresets(tx: Executor, tenantId: string): Promise<void> {
    for (const preset of Object.values(PIPELINE_PRESETS)) {
      await this.createFromPreset(tx, tenantId, preset.name, preset.key, preset.key === DEFAULT_PIPELINE_PRESET);
    }
  }

  async createFromPreset(
    tx: Executor,
    tenantId: string,
    name: string,
    presetKey: PipelinePresetKey,
    isDefault: boolean,
  ): Promise<PipelineRow> {
    const preset = PIPELINE_PRESETS[presetKey];
    const [pipeline] = await tx.insert(pipelines).values({ tenantId, name, preset: presetKey, isDefault }).returning();
    if (!pipeline) throw new Error("pipeline insert returned nothing");
    await tx.insert(stages).values(
      preset.stages.map((stage, position) => ({
        tenantId,
        pipelineId: pipeline.id,
        ...presetStage(stage, position),
      })),
    );
    return pipeline;
  }

  /** The presets createPipeline takes, each stage as a pipeline built from it would store it. */
  listPresets(): { key: PipelinePresetKey; name: string; stages: PresetStage[] }[] {
    return Object.values(PIPELINE_PRESETS).map((preset) => ({
      key: preset.key,
      name: preset.name,
      stages: preset.stages.map(presetStage),
    }));
  }

  async listPipelines(tenantId: string): Promise<PipelineRow[]> {
    return this.db
      .select()
      .from(pipelines)
      .where(eq(pipelines.tenantId, tenantId))
      .orderBy(asc(pipelines.createdAt), asc(pipelines.name));
  }

  /** The lead's pipeline: the one named, else the tenant default; BAD_USER_INPUT when not the tenant's. */
  async resolvePipelineOrThrow(
    tx: Executor,
    tenantId: string,
    pipelineId: string | null | undefined,
  ): Promise<PipelineWithStages> {
    const where = pipelineId
      ? isUuid(pipelineId)
        ? and(eq(pipelines.tenantId, tenantId), eq(pipelines.id, pipelineId))
        : undefined
      : and(eq(pipelines.tenantId, tenantId), eq(pipelines.isDefault, true));
    const [pipeline] = where ? await tx.select().from(pipelines).where(where).limit(1) : [];
    if (!pipeline) throw badInput([{ field: "pipelineId", message: "is not a pipeline of this tenant" }]);
    return { pipeline, stages: await this.stagesOf(tx, [pipeline.id]) };
  }

  /**
   * Everything createLead needs about where the lead goes, in one round trip:
   * the tenant's settings, the pipeline (named or default) and its stages.
   * Prepared once: it runs for every lead created.
   */
  async creationContextOrThrow(
    tenantId: string,
    pipelineId: string | null | undefined,
  ): Promise<PipelineWithStages & { tenant: TenantRow }> {
    if (pipelineId && !isUuid(pipelineId))
      throw badInput([{ field: "pipelineId", message: "is not a pipeline of this tenant" }]);
    const rows = pipelineId
      ? await this.contextOfPipeline.execute({ tenantId, pipelineId })
      : await this.contextOfDefault.execute({ tenantId });
    const first = rows[0];
    if (!first) throw badInput([{ field: "pipelineId", message: "is not a pipeline of this tenant" }]);
    return { tenant: first.tenant, pipeline: first.pipeline, stages: rows.map((r) => r.stage) };
  }

  private readonly contextOfDefault;
  private readonly contextOfPipeline;

  private prepareContext(which: SQL, name: string) {
    return this.db
      .select({ tenant: tenants, pipeline: pipelines, stage: stages })
      .from(pipelines)
      .innerJoin(tenants, eq(tenants.id, pipelines.tenantId))
      .innerJoin(stages, eq(stages.pipelineId, pipelines.id))
      .where(and(eq(pipelines.tenantId, sql.placeholder("tenantId")), which))
      .orderBy(asc(stages.position))
      .prepare(name);
  }

  /**
   * The stages of a tenant's pipelines for reads (a lead's `stage` on every
   * card of a list or board), kept per tenant at the configuration version the
   * viewer's credential read saw: every change to a pipeline or stage moves
   * that version (db/tenant-config-cache.ts), so a request after a change
   * never sees stages from before it. Writes read stages in their own
   * transaction instead (stage-change.ts).
   */
  async stagesForRead(
    viewer: { tenantId: string; configVersion?: number },
    pipelineIds: readonly string[],
  ): Promise<StageRow[]> {
    const { stagesOf } = await this.configForRead(viewer);
    return pipelineIds.flatMap((id) => stagesOf.get(id) ?? []);
  }

  /**
   * The pipeline a read names, or the tenant default, with its stages, from
   * the same cache as `stagesForRead` (the board's columns); BAD_USER_INPUT
   * when not the tenant's, as `resolvePipelineOrThrow`.
   */
  async pipelineForRead(
    viewer: { tenantId: string; configVersion?: number },
    pipelineId: string | null | undefined,
  ): Promise<PipelineWithStages> {
    const { pipelines: all, stagesOf } = await this.configForRead(viewer);
    const pipeline = pipelineId ? all.find((p) => p.id === pipelineId) : all.find((p) => p.isDefault);
    if (!pipeline) throw badInput([{ field: "pipelineId", message: "is not a pipeline of this tenant" }]);
    return { pipeline, stages: stagesOf.get(pipeline.id) ?? [] };
  }

  /** After a committed change to the tenant's pipelines or stages made by this viewer's request. */
  stagesChanged(viewer: { tenantId: string; configVersion?: number }): void {
    this.readCache.retire(viewer.tenantId, viewer.configVersion);
  }

  private configForRead(viewer: { tenantId: string; configVersion?: number }): Promise<TenantPipelines> {
    return this.readCache.get(viewer.tenantId, viewer.configVersion, async () => {
      const rows = await this.tenantPipelines.execute({ tenantId: viewer.tenantId });
      const value: TenantPipelines = { pipelines: [], stagesOf: new Map() };
      for (const { pipeline, stage } of rows) {
        if (pipeline && !value.stagesOf.has(pipeline.id)) {
          value.pipelines.push(pipeline);
          value.stagesOf.set(pipeline.id, []);
        }
        if (stage) value.stagesOf.get(stage.pipelineId)?.push(stage);
      }
      return { version: rows[0]?.version ?? 0, value };
    });
  }

  private readonly readCache = new TenantConfigCache<TenantPipelines>();
  private readonly tenantPipelines;

  /** The version, every pipeline and every stage of the tenant, in one statement, so they agree. */
  private prepareTenantPipelines() {
    return this.db
      .select({ version: tenants.configVersion, pipeline: pipelines, stage: stages })
      .from(tenants)
      .leftJoin(pipelines, eq(pipelines.tenantId, tenants.id))
      .leftJoin(stages, eq(stages.pipelineId, pipelines.id))
      .where(eq(tenants.id, sql.placeholder("tenantId")))
      .orderBy(asc(pipelines.createdAt), asc(pipelines.id), asc(stages.position))
      .prepare("tenant_pipelines");
  }

  async stagesOf(tx: Executor, pipelineIds: readonly string[]): Promise<StageRow[]> {
    if (pipelineIds.length === 0) return [];
    return tx
      .select()
      .from(stages)
      .where(inArray(stages.pipelineId, [...pipelineIds]))
      .orderBy(asc(stages.pipelineId), asc(stages.position));
  }
}
