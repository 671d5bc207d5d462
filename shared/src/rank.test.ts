import { describe, expect, it } from "vitest";
import { initialRank, rankBetween } from "./rank.js";

describe("rank", () => {
  it("puts newer cards first", () => {
    expect(initialRank(new Date(2026, 1, 2)) < initialRank(new Date(2026, 1, 1))).toBe(true);
  });

  it("finds a rank strictly between two neighbours, repeatedly", () => {
    let lo = initialRank(new Date(2026, 1, 2));
    const hi = initialRank(new Date(2026, 1, 1));
    for (let i = 0; i < 200; i++) {
      const mid = rankBetween(lo, hi);
      expect(mid > lo && mid < hi).toBe(true);
      lo = mid;
    }
  });

  it("handles open ends and adjacent ranks", () => {
    expect(rankBetween(null, "5") < "5").toBe(true);
    expect(rankBetween("5", null) > "5").toBe(true);
    const mid = rankBetween("a", "a1");
    expect(mid > "a" && mid < "a1" && !mid.endsWith("0")).toBe(true);
  });
});
