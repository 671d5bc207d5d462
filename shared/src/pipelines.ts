export const STAGE_CATEGORIES = ["OPEN", "WON", "LOST"] as const;
export type StageCategory = (typeof STAGE_CATEGORIES)[number];

export interface StageDefinition {
  key: string;
  label: string;
  category: StageCategory;
  /** Stage keys a lead may move to from this stage. */
  transitions: string[];
  wipLimit?: number | null;
}

export interface PipelinePreset {
  key: PipelinePresetKey;
  name: string;
  stages: StageDefinition[];
}

export const PIPELINE_PRESET_KEYS = ["lifecycle", "simple", "field_service", "service_journey"] as const;
export type PipelinePresetKey = (typeof PIPELINE_PRESET_KEYS)[number];
export const DEFAULT_PIPELINE_PRESET: PipelinePresetKey = "lifecycle";

const stage = (key: string, label: string, category: StageCategory, transitions: string[]): StageDefinition => ({
  key,
  label,
  category,
  transitions,
});

/** One preset per seed's status model (DESIGN.md, Pipelines). */
export const PIPELINE_PRESETS: Record<PipelinePresetKey, PipelinePreset> = {
  lifecycle: {
    key: "lifecycle",
    name: "Lead lifecycle",
    stages: [
      stage("new", "New", "OPEN", ["working", "mql", "sql", "disqualified"]),
      stage("working", "Working", "OPEN", ["new", "mql", "sql", "disqualified"]),
      stage("mql", "MQL", "OPEN", ["working", "sql", "disqualified"]),
      stage("sql", "SQL", "OPEN", ["working", "mql", "disqualified", "converted"]),
      // Reached only through convertLead, which checks duplicates and creates the CRM records.
      stage("converted", "Converted", "WON", []),
      stage("disqualified", "Disqualified", "LOST", ["new", "working"]),
    ],
  },
  simple: {
    key: "simple",
    name: "Simple",
    stages: [
      stage("not_contacted", "Not contacted", "OPEN", ["contacted", "qualified", "lost"]),
      stage("contacted", "Contacted", "OPEN", ["not_contacted", "qualified", "converted", "lost"]),
      stage("qualified", "Qualified", "OPEN", ["contacted", "converted", "lost"]),
      stage("converted", "Converted", "WON", []),
      stage("lost", "Lost", "LOST", ["not_contacted", "contacted"]),
    ],
  },
  field_service: {
    key: "field_service",
    name: "Field service",
    stages: [
      stage("new", "New", "OPEN", ["contacted", "completed", "lost"]),
      stage("contacted", "Contacted", "OPEN", ["new", "completed", "lost"]),
      stage("completed", "Completed", "WON", []),
      stage("lost", "Lost", "LOST", ["new", "contacted"]),
    ],
  },
  service_journey: {
    key: "service_journey",
    name: "Service journey",
    stages: [
      stage("pending", "Pending", "OPEN", ["backlog", "abandoned"]),
      stage("backlog", "Backlog", "OPEN", ["brd", "abandoned"]),
      stage("brd", "BRD", "OPEN", ["backlog", "completed", "abandoned"]),
      stage("completed", "Completed", "WON", []),
      stage("abandoned", "Abandoned", "LOST", ["backlog"]),
    ],
  },
};

export function isPipelinePreset(value: string): value is PipelinePresetKey {
  return (PIPELINE_PRESET_KEYS as readonly string[]).includes(value);
}

/** The stage a new lead enters when no rule picks another: the first by position. */
export function initialStage(stages: readonly StageDefinition[]): StageDefinition {
  const first = stages[0];
  if (!first) throw new Error("a pipeline has at least one stage");
  return first;
}
