import { PIPELINE_PRESETS, validateStages } from "@leadline/shared";
import { describe, expect, it } from "vitest";
import {
  addStage,
  draftOf,
  isDirty,
  keyFromLabel,
  moveStage,
  placeErrors,
  removeStage,
  restoreStage,
  toggleTransition,
  toSave,
  updateStage,
} from "./pipeline-draft";

const lifecycle = {
  name: "Lead lifecycle",
  stages: PIPELINE_PRESETS.lifecycle.stages.map((s) => ({
    ...s,
    wipLimit: s.wipLimit ?? null,
    conversionOnly: s.conversionOnly ?? false,
    pausesSla: s.pausesSla ?? false,
  })),
};

describe("pipeline draft", () => {
  it("sends an untouched pipeline back exactly as it was read, and is not dirty", () => {
    const draft = draftOf(lifecycle);
    const save = toSave(draft);
    expect(save.stages).toEqual(
      lifecycle.stages.map(({ key, label, category, transitions, wipLimit, conversionOnly, pausesSla }) => ({
        key,
        label,
        category,
        // Sent in column order.
        transitions: lifecycle.stages.map((s) => s.key).filter((k) => transitions.includes(k)),
        wipLimit,
        conversionOnly,
        pausesSla,
      })),
    );
    expect(save.stageMapping).toEqual([]);
    expect(isDirty(draft, lifecycle)).toBe(false);
  });

  it("toggles a move in the matrix by rows, sending keys", () => {
    let draft = draftOf(lifecycle);
    draft = toggleTransition(draft, "saved:new", "saved:working", false);
    draft = toggleTransition(draft, "saved:mql", "saved:new", true);
    const byKey = Object.fromEntries(toSave(draft).stages.map((s) => [s.key, s.transitions]));
    expect(byKey.new).toEqual(["mql", "sql", "disqualified"]);
    expect(byKey.mql).toEqual(["new", "working", "sql", "disqualified"]);
    expect(isDirty(draft, lifecycle)).toBe(true);
  });

  it("gives a new stage a key from its label until one is typed, and moves to it follow the key", () => {
    let draft = addStage(draftOf(lifecycle));
    const row = draft.stages.find((s) => !s.saved)?.row as string;
    // Before the first closed stage.
    expect(draft.stages.map((s) => s.key)).toEqual(["new", "working", "mql", "sql", "", "converted", "disqualified"]);
    draft = updateStage(draft, row, { label: "Démo booked!" });
    draft = toggleTransition(draft, "saved:sql", row, true);
    expect(toSave(draft).stages[1 + 3]?.key).toBe("demo_booked");
    draft = updateStage(draft, row, { key: "demo", keyEdited: true });
    draft = updateStage(draft, row, { label: "Demo" });
    const save = toSave(draft);
    expect(save.stages.find((s) => s.key === "sql")?.transitions).toContain("demo");
    const stages = save.stages.map((s) => ({
      ...s,
      conversionOnly: s.conversionOnly ?? false,
      pausesSla: s.pausesSla ?? false,
    }));
    expect(validateStages(stages)).toEqual([]);
  });

  it("keeps a removed saved stage in the table with its mapping, drops moves into it, and restores it", () => {
    let draft = removeStage(draftOf(lifecycle), "saved:mql");
    draft = updateStage(draft, "saved:mql", { mapTo: "saved:working" });
    const save = toSave(draft);
    expect(save.stages.map((s) => s.key)).toEqual(["new", "working", "sql", "converted", "disqualified"]);
    expect(save.stages.flatMap((s) => s.transitions)).not.toContain("mql");
    expect(save.stageMapping).toEqual([{ from: "mql", to: "working" }]);
    expect(save.mappingRows).toEqual(["saved:mql"]);
    // The mapping's target goes too: the mapping is cleared.
    const both = removeStage(draft, "saved:working");
    expect(both.stages.find((s) => s.row === "saved:mql")?.mapTo).toBe("");
    const restored = restoreStage(draft, "saved:mql");
    expect(toSave(restored).stages).toEqual(toSave(draftOf(lifecycle)).stages);
  });

  it("drops a new stage at once, with the moves into it", () => {
    let draft = addStage(draftOf(lifecycle));
    const row = draft.stages.find((s) => !s.saved)?.row as string;
    draft = toggleTransition(draft, "saved:new", row, true);
    draft = removeStage(draft, row);
    expect(draft.stages.some((s) => s.row === row)).toBe(false);
    expect(draft.stages.find((s) => s.row === "saved:new")?.transitions).not.toContain(row);
  });

  it("moves a stage up and down, not past either end", () => {
    let draft = moveStage(draftOf(lifecycle), "saved:working", -1);
    expect(draft.stages.map((s) => s.key).slice(0, 2)).toEqual(["working", "new"]);
    draft = moveStage(draft, "saved:working", -1);
    expect(draft.stages[0]?.key).toBe("working");
    expect(moveStage(draft, "saved:disqualified", 1)).toBe(draft);
  });

  it("places the server's refusals on the rows of the save that was refused", () => {
    let draft = removeStage(draftOf(lifecycle), "saved:mql");
    draft = toggleTransition(draft, "saved:converted", "saved:working", true);
    const save = toSave(draft);
    const placed = placeErrors(
      {
        "stages.3.transitions": "a stage reached only by conversion has no way out",
        "stageMapping.0.to": "'x' is not a stage of the new list",
        name: "is taken",
        stages: "needs at least one WON stage",
      },
      { ...save, mappingRows: ["saved:mql"] },
      draft,
    );
    expect(placed.byRow["saved:converted"]).toEqual({
      transitions: "a stage reached only by conversion has no way out",
    });
    expect(placed.byRow["saved:mql"]).toEqual({ mapTo: "'x' is not a stage of the new list" });
    expect(placed.name).toBe("is taken");
    expect(placed.general).toEqual(["needs at least one WON stage"]);
    const occupied = placeErrors({ stageMapping: "'mql' holds 3 leads" }, save, draft, [{ key: "mql", leads: 3 }]);
    expect(occupied).toEqual({
      byRow: { "saved:mql": { mapTo: "Still holds 3 leads: choose where they go" } },
      general: [],
    });
  });

  it("makes keys the server takes", () => {
    for (const label of ["New", "Call back (2nd)", "2nd try", "Über-qualified", "   "]) {
      expect(keyFromLabel(label) || "empty").toMatch(/^[a-z][a-z0-9_]{0,39}$|^empty$/);
    }
    expect(keyFromLabel("2nd try")).toBe("stage_2nd_try");
  });
});
