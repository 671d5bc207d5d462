import { describe, expect, it } from "vitest";
import { customRangeProblem, isDay, localDay, windowOf } from "./date-range";

describe("dashboard date range", () => {
  it("starts a preset at local midnight, today included, and leaves its end open", () => {
    const now = new Date(2025, 2, 10, 15, 30);
    const { from, to } = windowOf({ kind: "preset", days: 7 }, now);
    expect(new Date(from)).toEqual(new Date(2025, 2, 4));
    expect(to).toBeNull();
  });

  it("runs a custom span from its first midnight to the midnight after its last day", () => {
    const { from, to } = windowOf({ kind: "custom", from: "2025-02-27", to: "2025-03-01" });
    expect(new Date(from)).toEqual(new Date(2025, 1, 27));
    expect(new Date(to as string)).toEqual(new Date(2025, 2, 2));
  });

  it("checks a custom span before it is sent", () => {
    expect(customRangeProblem("2025-03-01", "2025-03-01")).toBeNull();
    expect(customRangeProblem("2025-03-02", "2025-03-01")).toMatch(/after/);
    expect(customRangeProblem("", "2025-03-01")).toMatch(/both/);
    expect(isDay("2025-02-30")).toBe(false);
    expect(localDay(new Date(2025, 0, 5))).toBe("2025-01-05");
  });
});
