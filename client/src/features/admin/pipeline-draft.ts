import type { StageCategory, StageInput, StageMappingInput } from "../../gql/graphql";

/** A stage as the pipelines screen reads it. */
export interface SavedStage {
  key: string;
  label: string;
  category: StageCategory;
  transitions: string[];
  wipLimit: number | null;
  conversionOnly: boolean;
  pausesSla: boolean;
}

/**
 * One row of the stage table while the admin edits it. Transitions name rows
 * (not keys), so a new stage's key can change while it is typed; a saved
 * stage's key is fixed (leads store it). A saved stage taken out stays in the
 * table, struck through, until the save: its leads may need another stage.
 */
export interface DraftStage {
  row: string;
  saved: boolean;
  key: string;
  /** A new stage's key follows its label until the admin types one. */
  keyEdited: boolean;
  label: string;
  category: StageCategory;
  /** As typed: empty means no limit. */
  wipLimit: string;
  conversionOnly: boolean;
  pausesSla: boolean;
  transitions: string[];
  removed: boolean;
  /** Where a removed stage's leads go (a row), or "". */
  mapTo: string;
}

export interface PipelineDraft {
  name: string;
  stages: DraftStage[];
  /** Rows made so far, for the next new row's id. */
  made: number;
}

const savedRow = (key: string) => `saved:${key}`;

export function draftOf(pipeline: { name: string; stages: readonly SavedStage[] }): PipelineDraft {
  return {
    name: pipeline.name,
    made: 0,
    stages: pipeline.stages.map((s) => ({
      row: savedRow(s.key),
      saved: true,
      key: s.key,
      keyEdited: true,
      label: s.label,
      category: s.category,
      wipLimit: s.wipLimit == null ? "" : String(s.wipLimit),
      conversionOnly: s.conversionOnly,
      pausesSla: s.pausesSla,
      transitions: s.transitions.map(savedRow),
      removed: false,
      mapTo: "",
    })),
  };
}

/** A stage key from a label: lower-case letters, digits and _, starting with a letter (the server's rule). */
export function keyFromLabel(label: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const key = /^[a-z]/.test(slug) ? slug : `stage_${slug}`.replace(/_+$/, "");
  return key.slice(0, 40);
}

export function addStage(draft: PipelineDraft): PipelineDraft {
  const made = draft.made + 1;
  const stage: DraftStage = {
    row: `new:${made}`,
    saved: false,
    key: "",
    keyEdited: false,
    label: "",
    category: "OPEN",
    wipLimit: "",
    conversionOnly: false,
    pausesSla: false,
    transitions: [],
    removed: false,
    mapTo: "",
  };
  // Before the first closed stage: where a new working stage usually belongs.
  const at = draft.stages.findIndex((s) => s.category !== "OPEN");
  const stages = [...draft.stages];
  stages.splice(at < 0 ? stages.length : at, 0, stage);
  return { ...draft, made, stages };
}

export function updateStage(draft: PipelineDraft, row: string, patch: Partial<DraftStage>): PipelineDraft {
  return {
    ...draft,
    stages: draft.stages.map((s) => {
      if (s.row !== row) return s;
      const next = { ...s, ...patch };
      if (!next.saved && !next.keyEdited) next.key = keyFromLabel(next.label);
      return next;
    }),
  };
}

/** Up (-1) or down (+1) one place; the order is the pipeline's column order. */
export function moveStage(draft: PipelineDraft, row: string, by: -1 | 1): PipelineDraft {
  const stages = [...draft.stages];
  const from = stages.findIndex((s) => s.row === row);
  const to = from + by;
  if (from < 0 || to < 0 || to >= stages.length) return draft;
  const [stage] = stages.splice(from, 1);
  if (stage) stages.splice(to, 0, stage);
  return { ...draft, stages };
}

/**
 * Takes a stage out. A new one goes at once, with the moves into it; a saved
 * one is marked removed, restorable with its moves until the save (a save
 * leaves out moves into removed stages). No removed stage's leads are sent to it.
 */
export function removeStage(draft: PipelineDraft, row: string): PipelineDraft {
  const target = draft.stages.find((s) => s.row === row);
  if (!target) return draft;
  const stages = draft.stages
    .filter((s) => s.saved || s.row !== row)
    .map((s) => ({
      ...s,
      removed: s.row === row ? true : s.removed,
      transitions: target.saved ? s.transitions : s.transitions.filter((t) => t !== row),
      mapTo: s.mapTo === row ? "" : s.mapTo,
    }));
  return { ...draft, stages };
}

export function restoreStage(draft: PipelineDraft, row: string): PipelineDraft {
  return updateStage(draft, row, { removed: false, mapTo: "" });
}

export function toggleTransition(draft: PipelineDraft, from: string, to: string, allowed: boolean): PipelineDraft {
  return {
    ...draft,
    stages: draft.stages.map((s) => {
      if (s.row !== from) return s;
      const others = s.transitions.filter((t) => t !== to);
      return { ...s, transitions: allowed ? [...others, to] : others };
    }),
  };
}

/** The stages that stay, in order: the matrix's rows and columns. */
export const keptStages = (draft: PipelineDraft) => draft.stages.filter((s) => !s.removed);

export interface PipelineSave {
  name: string;
  stages: StageInput[];
  stageMapping: StageMappingInput[];
  /** The row each sent stage came from, by its index: the server names fields `stages.N.…`. */
  rows: string[];
  /** The row of each mapping sent, by its index (`stageMapping.N.to`). */
  mappingRows: string[];
}

/** What updatePipeline is sent. A WIP limit that is not a number is sent as typed, for the server to refuse. */
export function toSave(draft: PipelineDraft): PipelineSave {
  const kept = keptStages(draft);
  const keyOf = new Map(draft.stages.map((s) => [s.row, s.key.trim()]));
  const order = new Map(kept.map((s, i) => [s.row, i]));
  const mapped = draft.stages.filter((s) => s.removed && s.mapTo);
  return {
    name: draft.name,
    rows: kept.map((s) => s.row),
    stages: kept.map((s) => ({
      key: s.key.trim(),
      label: s.label,
      category: s.category,
      // In column order, so a saved map reads like the matrix.
      transitions: s.transitions
        .filter((t) => order.has(t))
        .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
        .map((t) => keyOf.get(t) ?? t),
      wipLimit: s.wipLimit.trim() === "" ? null : Number(s.wipLimit),
      conversionOnly: s.conversionOnly,
      pausesSla: s.pausesSla,
    })),
    stageMapping: mapped.map((s) => ({ from: s.key, to: keyOf.get(s.mapTo) ?? s.mapTo })),
    mappingRows: mapped.map((s) => s.row),
  };
}

/** True when saving would change the pipeline. */
export function isDirty(draft: PipelineDraft, pipeline: { name: string; stages: readonly SavedStage[] }): boolean {
  const strip = (save: PipelineSave) => JSON.stringify([save.name.trim(), save.stages]);
  return draft.stages.some((s) => s.removed) || strip(toSave(draft)) !== strip(toSave(draftOf(pipeline)));
}

/** The server's refusals placed on the screen: by row and field, on the name, or for the whole list. */
export interface PlacedErrors {
  byRow: Record<string, Record<string, string>>;
  name?: string;
  general: string[];
}

/**
 * Places field errors (`stages.3.transitions`, `stageMapping.0.to`, `name`, `stages`) on the rows they
 * name, using the rows of the save that was refused. Stages still holding leads (`stagesWithLeads`,
 * by key) go on the removed rows.
 */
export function placeErrors(
  fields: Record<string, string>,
  save: Pick<PipelineSave, "rows" | "mappingRows">,
  draft: PipelineDraft,
  stagesWithLeads: readonly { key: string; leads: number }[] = [],
): PlacedErrors {
  const placed: PlacedErrors = { byRow: {}, general: [] };
  const put = (row: string | undefined, field: string, message: string) => {
    if (!row) {
      placed.general.push(message);
      return;
    }
    const errors = placed.byRow[row] ?? {};
    errors[field] ??= message;
    placed.byRow[row] = errors;
  };
  for (const [field, message] of Object.entries(fields)) {
    const stage = /^stages\.(\d+)\.(\w+)/.exec(field);
    const mapping = /^stageMapping\.(\d+)\./.exec(field);
    if (stage) put(save.rows[Number(stage[1])], stage[2] as string, message);
    else if (mapping) put(save.mappingRows[Number(mapping[1])], "mapTo", message);
    else if (field === "name") placed.name = message;
    else if (field !== "stageMapping" || stagesWithLeads.length === 0) placed.general.push(message);
  }
  for (const { key, leads } of stagesWithLeads) {
    const row = draft.stages.find((s) => s.saved && s.key === key)?.row;
    put(row, "mapTo", `Still holds ${leads} ${leads === 1 ? "lead" : "leads"}: choose where they go`);
  }
  return placed;
}
