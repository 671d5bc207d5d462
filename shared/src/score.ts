import { type FieldError, FieldErrors } from "./lead-input.js";
import { isStageKey } from "./pipelines.js";

export const SCORE_BANDS = ["CHAMPION", "HOT", "WARM", "COLD"] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

export interface BandCutoffs {
  champion: number;
  hot: number;
  warm: number;
}

/** Seed 004: Champion ≥ 90, Hot ≥ 70, Warm ≥ 40, Cold below. */
export const DEFAULT_BAND_CUTOFFS: BandCutoffs = { champion: 90, hot: 70, warm: 40 };

export function clampScore(score: number): number {
  return Math.max(0, Math.min(100, Math.round(score)));
}

export function scoreBand(score: number, cutoffs: BandCutoffs = DEFAULT_BAND_CUTOFFS): ScoreBand {
  if (score >= cutoffs.champion) return "CHAMPION";
  if (score >= cutoffs.hot) return "HOT";
  if (score >= cutoffs.warm) return "WARM";
  return "COLD";
}

/** What each tracking event of a type adds, and the most that type can add in total. */
export interface EventWeight {
  points: number;
  cap: number;
}

export interface ScoreThreshold {
  /** The score at or above which a lead qualifies. */
  score: number;
  /** The stage a lead is promoted to when its score crosses `score`. */
  stage: string;
}

/**
 * A tenant's scoring ruleset: the tenant's JSON deep-merged over
 * DEFAULT_SCORING_RULES (see resolveScoringRules). Map keys are open: a tenant
 * adds event types and keywords of its own.
 */
export interface ScoringRules {
  /** Tracking-event type → points per event and a cap for the type. */
  weights: Record<string, EventWeight>;
  /** ICP job-title keyword → points; the best-scoring keyword in the title counts. */
  titleKeywords: Record<string, number>;
  negativeSignals: {
    /** Event type → points (≤ 0), counted once when the lead has any such event, never decayed. */
    events: Record<string, number>;
    /** Job-title keyword → points (≤ 0); the most negative keyword in the title counts. */
    titleKeywords: Record<string, number>;
  };
  /** Each event's points halve every `halfLifeDays` of its age; 0 turns decay off. */
  decay: { halfLifeDays: number };
  thresholds: { mql: ScoreThreshold; sql: ScoreThreshold };
  bands: BandCutoffs;
}

/**
 * The defaults every tenant starts from (seed 004). Engagement is capped per
 * event type so one noisy signal (a hundred page views) cannot make a lead
 * hot on its own; intent signals (pricing page, demo request) weigh most.
 * Title keywords describe the ideal customer profile: decision makers.
 * Negative signals are facts about the lead (unsubscribed, bounced, a
 * competitor, not a buyer) rather than fading engagement, so they count once
 * and do not decay. A month's half-life means last quarter's clicks are worth
 * an eighth of this week's.
 */
export const DEFAULT_SCORING_RULES: ScoringRules = {
  weights: {
    page_view: { points: 2, cap: 20 },
    pricing_page_view: { points: 10, cap: 20 },
    email_open: { points: 3, cap: 15 },
    email_click: { points: 5, cap: 20 },
    content_download: { points: 8, cap: 24 },
    webinar_attended: { points: 10, cap: 20 },
    form_submit: { points: 15, cap: 30 },
    demo_request: { points: 30, cap: 30 },
  },
  titleKeywords: {
    ceo: 20,
    cto: 20,
    cfo: 20,
    coo: 20,
    cmo: 20,
    chief: 20,
    founder: 20,
    owner: 15,
    president: 15,
    vp: 15,
    "vice president": 15,
    director: 12,
    head: 12,
    manager: 5,
  },
  negativeSignals: {
    events: { unsubscribe: -30, email_bounce: -20, spam_complaint: -50, competitor: -50 },
    titleKeywords: { student: -30, intern: -20, "job seeker": -40, unemployed: -30, retired: -20 },
  },
  decay: { halfLifeDays: 30 },
  thresholds: { mql: { score: 50, stage: "mql" }, sql: { score: 75, stage: "sql" } },
  bands: { ...DEFAULT_BAND_CUTOFFS },
};

const MAX_WEIGHTS = 100;
const MAX_KEYWORDS = 200;
const MAX_POINTS = 100;
const MAX_HALF_LIFE_DAYS = 3650;
const EVENT_TYPE = /^[a-z][a-z0-9_]{0,49}$/;

/** Tracking-event types are lower-case letters, digits and `_` (at most 50), as in `pricing_page_view`. */
export function isEventType(type: string): boolean {
  return EVENT_TYPE.test(type);
}

/** Rules merged per overrides object, so a tenant's cached row merges (and compiles) once, not per lead. */
const mergedRules = new WeakMap<object, ScoringRules>();
const NO_OVERRIDES = Object.freeze({});

/**
 * The effective rules for a tenant's stored overrides, which were validated
 * when stored. The same overrides object answers the same frozen rules: a
 * batch of 500 new leads merges the defaults once (each merge clones them),
 * and `scoreTallies` compiles the keywords once for them.
 */
export function mergeScoringRules(overrides: unknown): ScoringRules {
  const patch = isPlainObject(overrides) ? overrides : NO_OVERRIDES;
  let rules = mergedRules.get(patch);
  if (!rules) {
    rules = deepFreeze(mergePatch(DEFAULT_SCORING_RULES, patch)) as ScoringRules;
    mergedRules.set(patch, rules);
  }
  return rules;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Merges a tenant's JSON over the defaults and checks the result. The JSON is
 * a merge patch (RFC 7386): objects merge key by key, other values replace,
 * and `null` removes a default entry (a weight, a keyword). Every error names
 * the JSON path of the bad value; `rules` when the JSON is not an object.
 */
export function resolveScoringRules(overrides: unknown): { rules: ScoringRules; errors: FieldError[] } {
  const errors = new FieldErrors();
  if (!isPlainObject(overrides)) {
    errors.add("rules", "must be a JSON object");
    return { rules: mergeScoringRules({}), errors: errors.list };
  }
  const merged = mergePatch(DEFAULT_SCORING_RULES, overrides) as Record<string, unknown>;
  rejectPrototypeKeys(overrides, "", errors);
  checkRules(merged, overrides, errors);
  return { rules: merged as unknown as ScoringRules, errors: errors.list };
}

/**
 * The merge patch that turns the defaults into `rules`: the inverse of the
 * merge, for an editor of the effective ruleset. What it stores with
 * setScoringRules then applies exactly what was edited (mergeScoringRules of
 * the patch is `rules`): values equal to the default are left out, and a
 * default entry missing from `rules` becomes `null`, which removes it. Not an
 * object: returned as it is, for validation to refuse.
 */
export function scoringRulesPatch(rules: unknown): unknown {
  if (!isPlainObject(rules)) return rules;
  return diffPatch(DEFAULT_SCORING_RULES, rules) ?? {};
}

/** RFC 7386 in reverse: the patch from `base` to `target`, undefined when they are equal. */
function diffPatch(base: unknown, target: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(target)) {
    return jsonEqual(base, target) ? undefined : structuredClone(target);
  }
  const out: Record<string, unknown> = {};
  const put = (key: string, value: unknown) =>
    // A parsed "__proto__" key is kept as data, for validation to name it; assigning it would set the prototype.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  for (const key of Object.keys(base)) if (!Object.hasOwn(target, key)) put(key, null);
  for (const [key, value] of Object.entries(target)) {
    const change = Object.hasOwn(base, key) ? diffPatch(base[key], value) : structuredClone(value);
    if (change !== undefined) put(key, change);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

export function validateScoringRules(overrides: unknown): FieldError[] {
  return resolveScoringRules(overrides).errors;
}

export interface ScoreReason {
  /** The JSON path of the rule that gave the points, e.g. `weights.page_view`; `clamp` for the 0–100 limit. */
  rule: string;
  /** Rounded to one decimal; the score is the sum of the unrounded points, clamped and rounded. */
  points: number;
  detail: string;
}

export interface ScoreResult {
  score: number;
  band: ScoreBand;
  reasons: ScoreReason[];
}

export interface TrackedEvent {
  type: string;
  occurredAt: Date | string;
}

/** A lead's events of one type: how many, and their decayed count Σ ½^(age / half-life). */
export interface EventTally {
  type: string;
  count: number;
  decayed: number;
}

const DAY_MS = 86_400_000;

/** Weight of an event of this age; events dated in the future count as new. */
export function decayFactor(halfLifeDays: number, ageMs: number): number {
  if (halfLifeDays <= 0) return 1;
  return 0.5 ** (Math.max(0, ageMs) / (halfLifeDays * DAY_MS));
}

/** A lead's score from its job title and tracking events, as of `now`. */
export function computeScore(
  rules: ScoringRules,
  lead: { jobTitle?: string | null; events: readonly TrackedEvent[] },
  now: Date,
): ScoreResult {
  const tallies = new Map<string, EventTally>();
  for (const event of lead.events) {
    const tally = tallies.get(event.type) ?? { type: event.type, count: 0, decayed: 0 };
    tally.count += 1;
    tally.decayed += decayFactor(rules.decay.halfLifeDays, now.getTime() - new Date(event.occurredAt).getTime());
    tallies.set(event.type, tally);
  }
  return scoreTallies(rules, { jobTitle: lead.jobTitle, tallies: [...tallies.values()] });
}

/**
 * The same score from events already summed per type (the database sums
 * them, so a recompute of many leads never loads every event).
 */
export function scoreTallies(
  rules: ScoringRules,
  lead: { jobTitle?: string | null; tallies: readonly EventTally[] },
): ScoreResult {
  const compiled = compile(rules);
  const byType = new Map(lead.tallies.map((t) => [t.type, t]));
  const reasons: ScoreReason[] = [];
  let raw = 0;
  const add = (rule: string, points: number, detail: string) => {
    if (points === 0) return;
    raw += points;
    reasons.push({ rule, points: Math.round(points * 10) / 10, detail });
  };
  for (const [type, weight] of Object.entries(rules.weights)) {
    const tally = byType.get(type);
    if (!tally || tally.count === 0) continue;
    const earned = weight.points * tally.decayed;
    const capped = earned > weight.cap;
    const what = `${tally.count} ${type} event${tally.count === 1 ? "" : "s"}`;
    add(`weights.${type}`, capped ? weight.cap : earned, capped ? `${what}, capped at ${weight.cap}` : what);
  }
  for (const [type, points] of Object.entries(rules.negativeSignals.events)) {
    const tally = byType.get(type);
    if (tally && tally.count > 0) add(`negativeSignals.events.${type}`, points, `${type} (${tally.count}×)`);
  }
  const title = lead.jobTitle ? words(lead.jobTitle) : "";
  if (title.trim()) {
    const icp = bestMatch(compiled.titleKeywords, title, (a, b) => a > b);
    if (icp) add(`titleKeywords.${icp.keyword}`, icp.points, `job title “${lead.jobTitle}” matches “${icp.keyword}”`);
    const negative = bestMatch(compiled.negativeTitleKeywords, title, (a, b) => a < b);
    if (negative) {
      add(
        `negativeSignals.titleKeywords.${negative.keyword}`,
        negative.points,
        `job title “${lead.jobTitle}” matches “${negative.keyword}”`,
      );
    }
  }
  const score = clampScore(raw);
  if (score !== Math.round(raw)) {
    reasons.push({ rule: "clamp", points: Math.round((score - raw) * 10) / 10, detail: "a score stays within 0–100" });
  }
  return { score, band: scoreBand(score, rules.bands), reasons };
}

interface CompiledKeyword {
  keyword: string;
  /** The keyword's words between spaces, matched against the title's words the same way. */
  pattern: string;
  points: number;
}

const compiledRules = new WeakMap<
  ScoringRules,
  { titleKeywords: CompiledKeyword[]; negativeTitleKeywords: CompiledKeyword[] }
>();

/** Keywords normalized once per ruleset: a recompute scores thousands of titles against them. */
function compile(rules: ScoringRules) {
  let compiled = compiledRules.get(rules);
  if (!compiled) {
    const list = (keywords: Record<string, number>) =>
      Object.entries(keywords)
        .map(([keyword, points]) => ({ keyword, pattern: words(keyword), points }))
        .filter((k) => k.pattern.trim() !== "" && k.points !== 0);
    compiled = {
      titleKeywords: list(rules.titleKeywords),
      negativeTitleKeywords: list(rules.negativeSignals.titleKeywords),
    };
    compiledRules.set(rules, compiled);
  }
  return compiled;
}

/** Whole words only: `vp` matches “VP Sales” but not “MVP”, `head` not “Forehead”. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(" ")} `;
}

function bestMatch(
  keywords: readonly CompiledKeyword[],
  title: string,
  better: (a: number, b: number) => boolean,
): CompiledKeyword | null {
  let best: CompiledKeyword | null = null;
  for (const k of keywords) {
    if (!title.includes(k.pattern)) continue;
    // On a tie the longer keyword is the more specific reason (“vice president” over “president”).
    if (!best || better(k.points, best.points) || (k.points === best.points && k.pattern.length > best.pattern.length))
      best = k;
  }
  return best;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isPlainObject(base) ? structuredClone(base) : {};
  for (const [key, value] of Object.entries(patch)) {
    // JSON.parse makes "__proto__" an own key; assigning it would replace the prototype.
    if (key === "__proto__") continue;
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** The merge drops `__proto__` keys; naming them here keeps them out of the stored JSON too. */
function rejectPrototypeKeys(value: unknown, path: string, errors: FieldErrors): void {
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === "__proto__") errors.add(at(path, key), "is not a setting");
    else rejectPrototypeKeys(child, at(path, key), errors);
  }
}

const has = (object: unknown, key: string): boolean => isPlainObject(object) && Object.hasOwn(object, key);
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

function checkRules(rules: Record<string, unknown>, overrides: Record<string, unknown>, errors: FieldErrors): void {
  const known = (value: Record<string, unknown>, path: string, keys: readonly string[]) => {
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) errors.add(at(path, key), `is not a setting; expected one of ${keys.join(", ")}`);
    }
  };
  const object = (value: unknown, path: string, keys: readonly string[]): Record<string, unknown> | null => {
    if (!isPlainObject(value)) {
      errors.add(path, value === undefined ? "is required" : `must be an object with ${keys.join(", ")}`);
      return null;
    }
    known(value, path, keys);
    return value;
  };
  const number = (value: unknown, path: string, min: number, max: number, integer = false): value is number => {
    if (value === undefined) errors.add(path, "is required");
    else if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      errors.add(path, `must be a ${integer ? "whole number" : "number"} from ${min} to ${max}`);
    } else if (integer && !Number.isInteger(value)) errors.add(path, `must be a whole number from ${min} to ${max}`);
    else return true;
    return false;
  };
  const map = (
    value: unknown,
    path: string,
    limit: number,
    keyOk: (key: string) => boolean,
    keyRule: string,
    entry: (v: unknown, path: string) => void,
  ) => {
    if (!isPlainObject(value)) {
      errors.add(path, value === undefined ? "is required" : "must be an object");
      return;
    }
    const entries = Object.entries(value);
    if (entries.length > limit) errors.add(path, `may hold at most ${limit} entries`);
    for (const [key, v] of entries) {
      if (!keyOk(key)) errors.add(at(path, key), keyRule);
      else entry(v, at(path, key));
    }
  };
  const isKeyword = (key: string) => key.length <= 60 && /^[\p{L}\p{N}]/u.test(key);
  const keywordRule = "keywords start with a letter or digit and have at most 60 characters";
  const eventTypeRule = "event types are lower-case letters, digits and _ (at most 50)";

  known(rules, "", ["weights", "titleKeywords", "negativeSignals", "decay", "thresholds", "bands"]);
  map(rules.weights, "weights", MAX_WEIGHTS, isEventType, eventTypeRule, (v, path) => {
    const weight = object(v, path, ["points", "cap"]);
    if (!weight) return;
    number(weight.points, `${path}.points`, 0, MAX_POINTS);
    number(weight.cap, `${path}.cap`, 0, MAX_POINTS);
  });
  map(rules.titleKeywords, "titleKeywords", MAX_KEYWORDS, isKeyword, keywordRule, (v, path) =>
    number(v, path, 0, MAX_POINTS),
  );
  const negative = object(rules.negativeSignals, "negativeSignals", ["events", "titleKeywords"]);
  if (negative) {
    map(negative.events, "negativeSignals.events", MAX_WEIGHTS, isEventType, eventTypeRule, (v, path) =>
      number(v, path, -MAX_POINTS, 0),
    );
    map(negative.titleKeywords, "negativeSignals.titleKeywords", MAX_KEYWORDS, isKeyword, keywordRule, (v, path) =>
      number(v, path, -MAX_POINTS, 0),
    );
  }
  const decay = object(rules.decay, "decay", ["halfLifeDays"]);
  if (decay) number(decay.halfLifeDays, "decay.halfLifeDays", 0, MAX_HALF_LIFE_DAYS);

  const thresholds = object(rules.thresholds, "thresholds", ["mql", "sql"]);
  const scores: Partial<Record<"mql" | "sql", number>> = {};
  for (const kind of ["mql", "sql"] as const) {
    const threshold = thresholds && object(thresholds[kind], `thresholds.${kind}`, ["score", "stage"]);
    if (!threshold) continue;
    if (number(threshold.score, `thresholds.${kind}.score`, 1, 100, true)) scores[kind] = threshold.score;
    if (typeof threshold.stage !== "string" || !isStageKey(threshold.stage)) {
      errors.add(`thresholds.${kind}.stage`, "must be a stage key (lower-case letters, digits and _)");
    }
  }
  // An order error names the value the tenant changed, not the default beside it.
  const changed = (kind: "mql" | "sql") => has((overrides.thresholds as Record<string, unknown>)?.[kind], "score");
  if (scores.mql !== undefined && scores.sql !== undefined && scores.mql >= scores.sql) {
    if (changed("mql")) errors.add("thresholds.mql.score", `must be below thresholds.sql.score (${scores.sql})`);
    if (changed("sql")) errors.add("thresholds.sql.score", `must be above thresholds.mql.score (${scores.mql})`);
  }

  const bands = object(rules.bands, "bands", ["champion", "hot", "warm"]);
  if (bands) {
    const ok = (["champion", "hot", "warm"] as const).map((k) => number(bands[k], `bands.${k}`, 1, 100, true));
    if (ok.every(Boolean)) {
      const { champion, hot, warm } = bands as unknown as BandCutoffs;
      const set = (key: string) => has(overrides.bands, key);
      if (set("warm") && warm >= hot) errors.add("bands.warm", `must be below hot (${hot})`);
      if (set("hot") && !(warm < hot && hot < champion)) {
        errors.add("bands.hot", `must be between warm (${warm}) and champion (${champion})`);
      }
      if (set("champion") && champion <= hot) errors.add("bands.champion", `must be above hot (${hot})`);
    }
  }
}

/** The parts of a ruleset a stored score was computed against: its band and the thresholds it was compared with. */
export interface ScoredAgainst {
  mql: number;
  sql: number;
  bands: BandCutoffs;
}

export function scoredAgainst(rules: ScoringRules): ScoredAgainst {
  return { mql: rules.thresholds.mql.score, sql: rules.thresholds.sql.score, bands: rules.bands };
}
