import { PIPELINE_PRESETS, type StageDefinition } from "@leadline/shared";
import { describe, expect, it } from "vitest";
import { type MoveStage, stageMoveRefusal } from "./stage-moves";

const asMoveStage = (s: StageDefinition): MoveStage => ({ ...s, conversionOnly: s.conversionOnly ?? false });
const stagesOf = (preset: keyof typeof PIPELINE_PRESETS) => PIPELINE_PRESETS[preset].stages.map(asMoveStage);

/** The stages a lead in `from` may be moved to, as the status menu offers them. */
function offered(preset: keyof typeof PIPELINE_PRESETS, from: string): string[] {
  const stages = stagesOf(preset);
  const current = stages.find((s) => s.key === from);
  if (!current) throw new Error(`no stage ${from}`);
  return stages.filter((s) => s.key !== from && !stageMoveRefusal(current, s)).map((s) => s.key);
}

describe("stageMoveRefusal", () => {
  it("offers the pipeline's transitions and never a conversion-only stage", () => {
    expect(offered("lifecycle", "new")).toEqual(["working", "mql", "sql", "disqualified"]);
    // sql → converted is a transition, but conversion alone gets there.
    expect(offered("lifecycle", "sql")).toEqual(["working", "mql", "disqualified"]);
    expect(offered("lifecycle", "disqualified")).toEqual(["new", "working"]);
    expect(offered("lifecycle", "converted")).toEqual([]);
    expect(offered("field_service", "contacted")).toEqual(["new", "completed", "lost"]);
  });

  it("says why a move is refused", () => {
    const [pending, , brd, completed] = stagesOf("service_journey");
    if (!pending || !brd || !completed) throw new Error("preset changed");
    expect(stageMoveRefusal(pending, completed)).toBe("Not reachable from Pending");
    const lifecycle = stagesOf("lifecycle");
    const sql = lifecycle.find((s) => s.key === "sql");
    const converted = lifecycle.find((s) => s.key === "converted");
    if (!sql || !converted) throw new Error("preset changed");
    expect(stageMoveRefusal(sql, converted)).toBe("Convert from the lead page");
    expect(stageMoveRefusal(brd, brd)).toBeNull();
  });
});
