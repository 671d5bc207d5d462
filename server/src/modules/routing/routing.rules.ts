import type { LeadRow, queues, RoutingRuleRow } from "../../db/schema/index.js";

type QueueRow = typeof queues.$inferSelect;

/** How a queue picks the owner of a lead routed to it. */
export const QUEUE_STRATEGIES = ["ROUND_ROBIN", "LEAST_LOADED"] as const satisfies readonly QueueRow["strategy"][];
export type QueueStrategy = (typeof QUEUE_STRATEGIES)[number];

export function isQueueStrategy(value: string): value is QueueStrategy {
  return (QUEUE_STRATEGIES as readonly string[]).includes(value);
}

export type RuleCriteria = Pick<RoutingRuleRow, "source" | "formId" | "category" | "city" | "minScore">;
export type RoutableLead = Pick<LeadRow, "source" | "formId" | "category" | "city" | "score">;

/** Free-text criteria compare the way people type them: "Oslo", "oslo " and "OSLO" are one city. */
const norm = (value: string | null) => value?.trim().toLowerCase() ?? null;

/**
 * A rule matches when every criterion it names matches the lead; a rule that
 * names none is a catch-all. A lead without a value never matches a rule that
 * asks for one.
 */
export function ruleMatches(rule: RuleCriteria, lead: RoutableLead): boolean {
  if (rule.source !== null && rule.source !== lead.source) return false;
  if (rule.formId !== null && rule.formId !== lead.formId) return false;
  if (rule.category !== null && norm(rule.category) !== norm(lead.category)) return false;
  if (rule.city !== null && norm(rule.city) !== norm(lead.city)) return false;
  if (rule.minScore !== null && lead.score < rule.minScore) return false;
  return true;
}

/** The rule that decides where a lead goes: the first, in position order, whose criteria all match. */
export function firstMatchingRule<R extends RuleCriteria>(rules: readonly R[], lead: RoutableLead): R | null {
  return rules.find((rule) => ruleMatches(rule, lead)) ?? null;
}

/** A queue member in member order (position, then id), active or not. */
export interface QueueMemberState {
  userId: string;
  active: boolean;
}

/**
 * Round robin: the first active member after the one who got the last lead,
 * wrapping around. Inactive members keep their place in the circle (so the
 * cursor survives a deactivation) but are skipped. A cursor that is no longer
 * a member starts the circle over.
 */
export function pickRoundRobin(members: readonly QueueMemberState[], lastUserId: string | null): string | null {
  const start = members.findIndex((m) => m.userId === lastUserId);
  for (let step = 1; step <= members.length; step++) {
    const member = members[(start + step) % members.length];
    if (member?.active) return member.userId;
  }
  return null;
}

/** Least loaded: the active member owning the fewest open leads; ties go to the earlier member. */
export function pickLeastLoaded(
  members: readonly QueueMemberState[],
  openLeads: ReadonlyMap<string, number>,
): string | null {
  let best: { userId: string; load: number } | null = null;
  for (const member of members) {
    if (!member.active) continue;
    const load = openLeads.get(member.userId) ?? 0;
    if (!best || load < best.load) best = { userId: member.userId, load };
  }
  return best?.userId ?? null;
}
