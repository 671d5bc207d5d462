import { type DuplicateProbe, type DuplicateResolution, similarityText } from "@leadline/shared";
import type { Executor } from "../../db/client.js";
import type { ContactRow, LeadRow } from "../../db/schema/index.js";
import type { Viewer } from "../auth/viewer.js";
import { attachFilesOrThrow } from "../files/attachments.js";
import type { AttachmentParams } from "../leads/lead.params.js";
import { lockWorkableLeadOrThrow } from "../leads/lead-access.js";
import { writeLeadChange } from "../leads/lead-writes.js";
import { rescoreLockedLead } from "../scoring/score-recompute.js";
import { type DuplicateMatchRow, findDuplicateMatches } from "./duplicate-match.js";
import { fillEmptyFields, type MergeSource } from "./duplicate-merge.js";

/** A lead about to be created, as createLead normalized it. */
export interface NewLeadCandidate extends MergeSource {
  name: string;
  /** The tenant contact the input chose, if any: not a duplicate of the lead being made for it. */
  existingContactId?: string | null;
}

/** What createLead does after its duplicate check. */
export type NewLeadDecision =
  /** No matches, or KEEP_BOTH: create, listing the matches; `contact` is set when MERGE picked a tenant contact. */
  | { create: true; duplicates: DuplicateMatchRow[]; contact: ContactRow | null }
  /** Nothing to create: the merge prompt (lead null), or the lead the input was merged into. */
  | { create: false; duplicates: DuplicateMatchRow[]; lead: LeadRow | null };

/**
 * createLead's duplicate check (seed 003's merge prompt), in its transaction
 * after validation and before anything is written or numbered. With matches:
 * no resolution → the prompt, nothing created; KEEP_BOTH → create; MERGE →
 * fill the best matching lead's empty fields (the viewer must be allowed to
 * work it: FORBIDDEN otherwise, CONFLICT once converted), or, when only
 * tenant contacts match, create the lead for the best contact.
 */
export async function resolveNewLeadDuplicates(
  tx: Executor,
  viewer: Viewer,
  candidate: NewLeadCandidate,
  resolution: DuplicateResolution | null | undefined,
  files: readonly AttachmentParams[],
): Promise<NewLeadDecision> {
  const probe: DuplicateProbe = {
    email: candidate.email ?? null,
    phone: candidate.phone ?? null,
    domain: candidate.companyDomain ?? null,
    tin: candidate.companyTin ?? null,
    name: similarityText(candidate.name),
    companyName: similarityText(candidate.companyName),
  };
  const [duplicates = []] = await findDuplicateMatches(tx, viewer, [
    { probe, excludeContactIds: candidate.existingContactId ? [candidate.existingContactId] : [] },
  ]);
  if (duplicates.length === 0 || resolution === "KEEP_BOTH") return { create: true, duplicates, contact: null };
  if (!resolution) return { create: false, duplicates, lead: null };
  const best = duplicates.find((match) => match.lead)?.lead;
  if (!best) return { create: true, duplicates, contact: duplicates[0]?.contact ?? null };
  const target = await lockWorkableLeadOrThrow(tx, viewer, best.id);
  const fill = fillEmptyFields(target, candidate);
  const merged = await writeLeadChange(tx, target, fill, {
    type: "MERGED",
    actor: viewer,
    payload: { from: "createLead", filled: Object.keys(fill), unapplied: unapplied(target, candidate, fill) },
  });
  await attachFilesOrThrow(tx, viewer, merged.id, files);
  // A job title it lacked may now score.
  return { create: false, duplicates, lead: await rescoreLockedLead(tx, merged, { actor: viewer }) };
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
