import { type DuplicateProbe, type DuplicateResolution, similarityText } from "@leadline/shared";
import type { Executor } from "../../db/client.js";
import type { ContactRow, LeadRow } from "../../db/schema/index.js";
import type { Viewer } from "../auth/viewer.js";
import { canWorkLead, lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";
import { type DuplicateMatchRow, findDuplicateMatches } from "./duplicate-match.js";
import { fillEmptyFields, type MergeSource } from "./duplicate-merge.js";

/** A lead about to be created, as the create use case normalized it. */
export interface NewLeadCandidate extends MergeSource {
  name: string;
  /** The tenant contact the input chose, if any: not a duplicate of the lead being made for it. */
  existingContactId?: string | null;
}

/** What a create does after its duplicate check. */
export type NewLeadDecision =
  /** No matches, or KEEP_BOTH: create, listing the matches; `contact` is set when MERGE picked a tenant contact. */
  | { kind: "create"; duplicates: DuplicateMatchRow[]; contact: ContactRow | null }
  /** Matches and no resolution: the merge prompt, nothing created. */
  | { kind: "prompt"; duplicates: DuplicateMatchRow[] }
  /** MERGE with a matching lead: fill that lead instead of creating one. */
  | { kind: "merge"; duplicates: DuplicateMatchRow[]; targetId: string };

/**
 * The duplicate decision of each create of a batch (seed 003's merge
 * prompt), with one query for all of them, in their transaction after
 * validation: it reads, never writes. With matches: no resolution → the
 * prompt; KEEP_BOTH → create; MERGE → merge into the best matching lead, or,
 * when only tenant contacts match, create the lead for the best contact.
 */
export async function decideNewLeadDuplicatesOfMany(
  tx: Executor,
  viewer: Viewer,
  items: readonly { candidate: NewLeadCandidate; resolution: DuplicateResolution | null | undefined }[],
): Promise<NewLeadDecision[]> {
  const matches = await findDuplicateMatches(
    tx,
    viewer,
    items.map(({ candidate }) => ({
      probe: {
        email: candidate.email ?? null,
        phone: candidate.phone ?? null,
        domain: candidate.companyDomain ?? null,
        tin: candidate.companyTin ?? null,
        name: similarityText(candidate.name),
        companyName: similarityText(candidate.companyName),
      } satisfies DuplicateProbe,
      excludeContactIds: candidate.existingContactId ? [candidate.existingContactId] : [],
    })),
  );
  return items.map(({ resolution }, i): NewLeadDecision => {
    const duplicates = matches[i] ?? [];
    if (duplicates.length === 0 || resolution === "KEEP_BOTH") return { kind: "create", duplicates, contact: null };
    if (!resolution) return { kind: "prompt", duplicates };
    // Merge only into a lead this viewer may change (a form acts as its author, who may not own the
    // person's open lead): otherwise both are kept, the new one flagged with its duplicates.
    const best = duplicates.find((m) => m.lead && !m.lead.convertedAt && canWorkLead(viewer, m.lead))?.lead;
    if (!best) return { kind: "create", duplicates, contact: duplicates[0]?.contact ?? null };
    return { kind: "merge", duplicates, targetId: best.id };
  });
}

/**
 * Fills the target lead's empty fields from the candidate (the viewer must
 * be allowed to work it: FORBIDDEN otherwise, CONFLICT once converted) and
 * records a MERGED event that keeps every typed value it did not apply.
 */
export async function mergeNewLeadInto(
  tx: Executor,
  viewer: Viewer,
  targetId: string,
  candidate: NewLeadCandidate,
): Promise<LeadRow> {
  const target = await lockWorkableLeadOrThrow(tx, viewer, targetId);
  const fill = fillEmptyFields(target, candidate);
  return writeLeadChange(tx, target, fill, {
    type: "MERGED",
    actor: viewer,
    payload: { from: "createLead", filled: Object.keys(fill), unapplied: unapplied(target, candidate, fill) },
  });
}

/** Input values the target kept its own value for: recorded on the MERGED event so nothing typed is lost. */
function unapplied(target: LeadRow, candidate: NewLeadCandidate, fill: Partial<LeadRow>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(candidate)) {
    if (key === "existingContactId" || value === null || value === undefined || key in fill) continue;
    const kept = target[key as keyof LeadRow];
    if (JSON.stringify(kept) !== JSON.stringify(value)) out[key] = value;
  }
  return out;
}
