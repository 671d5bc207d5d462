export const STAGE_CATEGORIES = ["OPEN", "WON", "LOST"] as const;
export type StageCategory = (typeof STAGE_CATEGORIES)[number];

export interface StageDefinition {
  key: string;
  label: string;
  category: StageCategory;
  /** Stage keys a lead may move to from this stage. */
  transitions: string[];
  wipLimit?: number | null;
  /** A WON stage a lead reaches only through conversion (which creates its contact, company and deal). */
  conversionOnly?: boolean;
  /** An OPEN stage that waits on the customer: the SLA clock is paused while a lead is here. */
  pausesSla?: boolean;
}

export interface PipelinePreset {
  key: PipelinePresetKey;
  name: string;
  stages: StageDefinition[];
}

export const PIPELINE_PRESET_KEYS = ["lifecycle", "simple", "field_service", "service_journey"] as const;
export type PipelinePresetKey = (typeof PIPELINE_PRESET_KEYS)[number];
export const DEFAULT_PIPELINE_PRESET: PipelinePresetKey = "lifecycle";

const stage = (
  key: string,
  label: string,
  category: StageCategory,
  transitions: string[],
  flags: Pick<StageDefinition, "conversionOnly" | "pausesSla"> = {},
): StageDefinition => ({ key, label, category, transitions, ...flags });

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
      stage("converted", "Converted", "WON", [], { conversionOnly: true }),
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
      // Seed 003 converts a lead "into a client": only convertLead, which makes the contact, gets it here.
      stage("converted", "Converted", "WON", [], { conversionOnly: true }),
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
      // Waiting for the invited customer to register: their clock does not run yet.
      stage("pending", "Pending", "OPEN", ["backlog", "abandoned"], { pausesSla: true }),
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

const STAGE_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export function isStageKey(key: string): boolean {
  return STAGE_KEY.test(key);
}

/**
 * Rules every pipeline obeys, checked before it is stored: keys unique and
 * well-formed, transitions only to stages of the same pipeline, at least one
 * OPEN stage (where leads start) and one WON stage (where conversion lands).
 */
export function validateStages(stages: readonly StageDefinition[]): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const keys = new Set<string>();
  stages.forEach((s, i) => {
    if (!STAGE_KEY.test(s.key))
      errors.push({ field: `stages.${i}.key`, message: "must be lower-case letters, digits or _ (max 40)" });
    else if (keys.has(s.key)) errors.push({ field: `stages.${i}.key`, message: `duplicates the key '${s.key}'` });
    keys.add(s.key);
    if (!s.label.trim()) errors.push({ field: `stages.${i}.label`, message: "is required" });
    if (s.wipLimit != null && (!Number.isInteger(s.wipLimit) || s.wipLimit < 1)) {
      errors.push({ field: `stages.${i}.wipLimit`, message: "must be a positive whole number" });
    }
    if (s.conversionOnly && s.category !== "WON")
      errors.push({
        field: `stages.${i}.conversionOnly`,
        message: "only a WON stage can be reached only by conversion",
      });
    if (s.pausesSla && s.category !== "OPEN")
      errors.push({ field: `stages.${i}.pausesSla`, message: "only an OPEN stage can pause the SLA clock" });
  });
  stages.forEach((s, i) => {
    for (const target of s.transitions) {
      if (!keys.has(target))
        errors.push({ field: `stages.${i}.transitions`, message: `'${target}' is not a stage of this pipeline` });
      if (target === s.key)
        errors.push({ field: `stages.${i}.transitions`, message: "a stage cannot transition to itself" });
    }
    // Only conversion enters such a stage, and a converted lead is read-only: a way out would never be taken.
    if (s.conversionOnly && s.transitions.length > 0)
      errors.push({
        field: `stages.${i}.transitions`,
        message: "a stage reached only by conversion has no way out: its leads are converted and read-only",
      });
  });
  if (!stages.some((s) => s.category === "OPEN"))
    errors.push({ field: "stages", message: "needs at least one OPEN stage" });
  if (!stages.some((s) => s.category === "WON"))
    errors.push({ field: "stages", message: "needs at least one WON stage" });
  if (stages[0] && stages[0].category !== "OPEN")
    errors.push({ field: "stages.0.category", message: "the first stage, where leads start, must be OPEN" });
  return errors;
}

export function canTransition(from: StageDefinition, toKey: string): boolean {
  return from.transitions.includes(toKey);
}

/** Most cards a board column returns in one read: the board query's `perColumn` limit, and where the app stops growing a column. */
export const MAX_CARDS_PER_COLUMN = 500;
