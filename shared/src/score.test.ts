import { describe, expect, it } from "vitest";
import {
  computeScore,
  DEFAULT_SCORING_RULES,
  mergeScoringRules,
  resolveScoringRules,
  type ScoringRules,
  scoreBand,
  scoringRulesPatch,
  validateScoringRules,
} from "./score.js";

const now = new Date("2026-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const events = (type: string, n: number, at = now) => Array.from({ length: n }, () => ({ type, occurredAt: at }));
const fields = (overrides: unknown) => validateScoringRules(overrides).map((e) => e.field);

describe("ruleset validation", () => {
  it("accepts the empty override and names nothing", () => {
    expect(validateScoringRules({})).toEqual([]);
  });

  it("names the JSON path of every bad value at once", () => {
    const errors = validateScoringRules({
      weights: { page_view: { points: -1 }, form_submit: { cap: "30" } },
      titleKeywords: { ceo: 500 },
      negativeSignals: { events: { unsubscribe: 10 } },
      decay: { halfLifeDays: -3 },
      thresholds: { mql: { score: 50.5, stage: "Marketing Qualified" } },
    });
    expect(errors.map((e) => e.field)).toEqual([
      "weights.page_view.points",
      "weights.form_submit.cap",
      "titleKeywords.ceo",
      "negativeSignals.events.unsubscribe",
      "decay.halfLifeDays",
      "thresholds.mql.score",
      "thresholds.mql.stage",
    ]);
    expect(errors[0]?.message).toBe("must be a number from 0 to 100");
    expect(errors[3]?.message).toBe("must be a number from -100 to 0");
  });

  it("rejects unknown keys where the shape is fixed, and malformed event types and keywords", () => {
    expect(
      fields({
        weigths: {},
        weights: { page_view: { points: 1, bonus: 2 }, "Page View": { points: 1, cap: 1 } },
        bands: { lukewarm: 20 },
        titleKeywords: { "-ceo": 5 },
      }),
    ).toEqual(["weigths", "weights.page_view.bonus", "weights.Page View", "titleKeywords.-ceo", "bands.lukewarm"]);
  });

  it("needs points and cap for an event type the defaults do not have", () => {
    expect(fields({ weights: { trial_signup: { points: 20 } } })).toEqual(["weights.trial_signup.cap"]);
    expect(validateScoringRules({ weights: { trial_signup: { points: 20, cap: 40 } } })).toEqual([]);
  });

  it("keeps the bands ordered, naming the band that was changed", () => {
    expect(validateScoringRules({ bands: { hot: 95 } })).toEqual([
      { field: "bands.hot", message: "must be between warm (40) and champion (90)" },
    ]);
    expect(fields({ bands: { warm: 70 } })).toEqual(["bands.warm"]);
    expect(fields({ bands: { champion: 60 } })).toEqual(["bands.champion"]);
    expect(fields({ bands: { champion: 101 } })).toEqual(["bands.champion"]);
    expect(validateScoringRules({ bands: { hot: 95, champion: 98 } })).toEqual([]);
  });

  it("keeps the MQL threshold below the SQL threshold", () => {
    expect(fields({ thresholds: { mql: { score: 80 } } })).toEqual(["thresholds.mql.score"]);
    expect(fields({ thresholds: { sql: { score: 50 } } })).toEqual(["thresholds.sql.score"]);
  });

  it("refuses a ruleset that is not an object, or a required setting removed", () => {
    expect(fields([1, 2])).toEqual(["rules"]);
    expect(fields("hot")).toEqual(["rules"]);
    expect(validateScoringRules({ decay: null })).toEqual([{ field: "decay", message: "is required" }]);
  });
});

describe("merging over the defaults", () => {
  it("keeps every default the tenant does not mention", () => {
    const { rules, errors } = resolveScoringRules({ weights: { page_view: { points: 4 } }, bands: { hot: 75 } });
    expect(errors).toEqual([]);
    expect(rules.weights.page_view).toEqual({ points: 4, cap: 20 });
    expect(rules.weights.demo_request).toEqual(DEFAULT_SCORING_RULES.weights.demo_request);
    expect(rules.bands).toEqual({ champion: 90, hot: 75, warm: 40 });
    expect(rules.thresholds).toEqual(DEFAULT_SCORING_RULES.thresholds);
  });

  it("adds the tenant's own entries and removes defaults set to null", () => {
    const rules = mergeScoringRules({
      titleKeywords: { manager: null, "revenue operations": 18 },
      weights: { trial_signup: { points: 20, cap: 40 } },
    });
    expect(rules.titleKeywords.manager).toBeUndefined();
    expect(rules.titleKeywords["revenue operations"]).toBe(18);
    expect(rules.titleKeywords.ceo).toBe(20);
    expect(rules.weights.trial_signup).toEqual({ points: 20, cap: 40 });
  });

  it("merges a given overrides object once, into rules no caller can change", () => {
    const stored = { bands: { hot: 71 } };
    const rules = mergeScoringRules(stored);
    expect(mergeScoringRules(stored)).toBe(rules);
    expect(Object.isFrozen(rules.bands)).toBe(true);
    expect(() => {
      (rules.titleKeywords as Record<string, number>).ceo = 1;
    }).toThrow(TypeError);
    // Another row (the tenant changed its rules, so its row was read again) merges afresh.
    expect(mergeScoringRules({ bands: { hot: 72 } }).bands.hot).toBe(72);
    expect(mergeScoringRules(null)).toBe(mergeScoringRules(undefined));
  });

  it("never changes the defaults or lets a key replace the prototype", () => {
    const before = JSON.stringify(DEFAULT_SCORING_RULES);
    const rules = mergeScoringRules(JSON.parse('{"bands":{"hot":71},"__proto__":{"polluted":true}}'));
    expect(rules.bands.hot).toBe(71);
    expect(JSON.stringify(DEFAULT_SCORING_RULES)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((rules as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(fields(JSON.parse('{"weights":{"__proto__":{"points":1}}}'))).toEqual(["weights.__proto__"]);
  });
});

describe("the patch of an edited effective ruleset", () => {
  const edit = (change: (rules: Record<string, any>) => void) => {
    const rules = structuredClone(DEFAULT_SCORING_RULES) as unknown as Record<string, any>;
    change(rules);
    return rules;
  };

  it("is empty for the defaults, and holds only what changed", () => {
    expect(scoringRulesPatch(structuredClone(DEFAULT_SCORING_RULES))).toEqual({});
    const edited = edit((r) => {
      r.weights.page_view.points = 4;
      r.titleKeywords["revenue operations"] = 18;
      r.bands.hot = 75;
    });
    expect(scoringRulesPatch(edited)).toEqual({
      weights: { page_view: { points: 4 } },
      titleKeywords: { "revenue operations": 18 },
      bands: { hot: 75 },
    });
  });

  it("removes a default entry the editor deleted, so the merge gives back exactly what was edited", () => {
    const edited = edit((r) => {
      delete r.titleKeywords.manager;
      delete r.weights.email_open;
      r.negativeSignals.events.trial_expired = -10;
    });
    const patch = scoringRulesPatch(edited);
    expect(patch).toEqual({
      weights: { email_open: null },
      titleKeywords: { manager: null },
      negativeSignals: { events: { trial_expired: -10 } },
    });
    const { rules, errors } = resolveScoringRules(patch);
    expect(errors).toEqual([]);
    expect(rules).toEqual(edited);
  });

  it("keeps what validation must refuse where it was, so the error paths are the editor's", () => {
    const edited = edit((r) => {
      delete r.weights.page_view.cap;
      r.weights.page_view.points = -1;
      r.bands = "hot";
      r.colour = "red";
    });
    expect(fields(scoringRulesPatch(edited))).toEqual([
      "colour",
      "weights.page_view.points",
      "weights.page_view.cap",
      "bands",
    ]);
    expect(scoringRulesPatch([1, 2])).toEqual([1, 2]);
    expect(fields(scoringRulesPatch(JSON.parse('{"weights":{"__proto__":{"points":1}}}')))).toContain(
      "weights.__proto__",
    );
  });
});

describe("computeScore", () => {
  const rules = DEFAULT_SCORING_RULES;

  it("adds event points per type up to the type's cap, with a reason for each", () => {
    const result = computeScore(rules, { events: [...events("page_view", 3), ...events("form_submit", 5)] }, now);
    expect(result.score).toBe(6 + 30);
    expect(result.band).toBe("COLD");
    expect(result.reasons).toEqual([
      { rule: "weights.page_view", points: 6, detail: "3 page_view events" },
      { rule: "weights.form_submit", points: 30, detail: "5 form_submit events, capped at 30" },
    ]);
  });

  it("scores the best ICP keyword in the title, whole words only", () => {
    expect(computeScore(rules, { jobTitle: "VP of Sales & Director", events: [] }, now)).toMatchObject({
      score: 15,
      reasons: [{ rule: "titleKeywords.vp", points: 15 }],
    });
    expect(computeScore(rules, { jobTitle: "Co-Founder / CEO", events: [] }, now).score).toBe(20);
    expect(computeScore(rules, { jobTitle: "MVP evangelist, forehead model", events: [] }, now).score).toBe(0);
    expect(computeScore(rules, { jobTitle: "Vice-President, Sales", events: [] }, now).reasons[0]?.rule).toBe(
      "titleKeywords.vice president",
    );
  });

  it("lowers the score for negative signals, once each and without decay", () => {
    const engaged = [...events("demo_request", 1), ...events("pricing_page_view", 2)];
    const before = computeScore(rules, { jobTitle: "Head of IT", events: engaged }, now);
    expect(before.score).toBe(30 + 20 + 12);
    const after = computeScore(
      rules,
      { jobTitle: "Head of IT", events: [...engaged, ...events("unsubscribe", 3, daysAgo(365))] },
      now,
    );
    expect(after.score).toBe(before.score - 30);
    expect(after.reasons.at(-2)).toEqual({
      rule: "negativeSignals.events.unsubscribe",
      points: -30,
      detail: "unsubscribe (3×)",
    });
    const student = computeScore(rules, { jobTitle: "Student", events: engaged }, now);
    expect(student.score).toBe(50 - 30);
  });

  it("never goes below 0 or above 100, and says so", () => {
    const low = computeScore(rules, { jobTitle: "Retired", events: events("spam_complaint", 1) }, now);
    expect(low.score).toBe(0);
    expect(low.reasons.at(-1)).toEqual({ rule: "clamp", points: 70, detail: "a score stays within 0–100" });
    const all = Object.keys(rules.weights).flatMap((type) => events(type, 10));
    const high = computeScore(rules, { jobTitle: "CEO", events: all }, now);
    expect(high.score).toBe(100);
    expect(high.band).toBe("CHAMPION");
    expect(high.reasons.at(-1)?.rule).toBe("clamp");
  });

  it("halves an event's points every half-life", () => {
    expect(computeScore(rules, { events: events("demo_request", 1, daysAgo(30)) }, now).score).toBe(15);
    expect(computeScore(rules, { events: events("demo_request", 1, daysAgo(60)) }, now).score).toBe(8);
    const noDecay = mergeScoringRules({ decay: { halfLifeDays: 0 } });
    expect(computeScore(noDecay, { events: events("demo_request", 1, daysAgo(600)) }, now).score).toBe(30);
  });

  it("ignores event types the rules do not name", () => {
    expect(computeScore(rules, { events: events("podcast_listen", 5) }, now)).toEqual({
      score: 0,
      band: "COLD",
      reasons: [],
    });
  });

  it("uses the tenant's weights, keywords and bands", () => {
    const tenant: ScoringRules = mergeScoringRules({
      weights: { podcast_listen: { points: 25, cap: 50 } },
      titleKeywords: { engineer: 20 },
      bands: { warm: 30, hot: 45 },
    });
    const result = computeScore(tenant, { jobTitle: "Staff Engineer", events: events("podcast_listen", 1) }, now);
    expect(result).toMatchObject({ score: 45, band: "HOT" });
  });
});

describe("bands", () => {
  it("switch exactly at the default cut-offs", () => {
    expect([39, 40, 69, 70, 89, 90].map((s) => scoreBand(s))).toEqual([
      "COLD",
      "WARM",
      "WARM",
      "HOT",
      "HOT",
      "CHAMPION",
    ]);
    expect([0, 100].map((s) => scoreBand(s))).toEqual(["COLD", "CHAMPION"]);
  });

  it("follow a tenant's cut-offs", () => {
    const cutoffs = mergeScoringRules({ bands: { warm: 20, hot: 50, champion: 80 } }).bands;
    expect([19, 20, 49, 50, 79, 80].map((s) => scoreBand(s, cutoffs))).toEqual([
      "COLD",
      "WARM",
      "WARM",
      "HOT",
      "HOT",
      "CHAMPION",
    ]);
  });
});
