export const SLA_STATES = ["NONE", "ON_TRACK", "AT_RISK", "BREACHED", "MET", "PAUSED"] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaPolicy {
  /** Minutes from creation to the first outbound response. */
  firstResponseMinutes: number;
  /** Share of the window after which the lead is at risk. */
  atRiskPercent: number;
}

export const DEFAULT_SLA_POLICY: SlaPolicy = { firstResponseMinutes: 60, atRiskPercent: 75 };

export interface SlaTimes {
  firstResponseDueAt: Date;
  atRiskAt: Date;
}

export function slaTimes(startedAt: Date, policy: SlaPolicy): SlaTimes {
  const windowMs = policy.firstResponseMinutes * 60_000;
  return {
    firstResponseDueAt: new Date(startedAt.getTime() + windowMs),
    atRiskAt: new Date(startedAt.getTime() + Math.round((windowMs * policy.atRiskPercent) / 100)),
  };
}

export interface SlaFacts {
  firstResponseDueAt: Date | null;
  atRiskAt: Date | null;
  firstResponseAt: Date | null;
  /** Waiting on the customer (e.g. `pending`): the clock does not run. */
  paused: boolean;
}

/**
 * The SLA state is a function of stored times and the clock, so a read is
 * always right even between timer ticks; timers only announce the changes.
 */
export function slaState(facts: SlaFacts, now: Date): SlaState {
  // Answered: MET if on time, BREACHED if the answer came after the deadline.
  if (facts.firstResponseAt)
    return facts.firstResponseDueAt && facts.firstResponseAt > facts.firstResponseDueAt ? "BREACHED" : "MET";
  if (facts.paused) return "PAUSED";
  if (!facts.firstResponseDueAt) return "NONE";
  if (now >= facts.firstResponseDueAt) return "BREACHED";
  if (facts.atRiskAt && now >= facts.atRiskAt) return "AT_RISK";
  return "ON_TRACK";
}
