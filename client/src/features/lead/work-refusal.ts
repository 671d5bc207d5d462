import type { Permissions } from "@leadline/shared";

/**
 * Why the viewer may not change this lead, in words, or null when they may.
 * Whether they may is the server's answer (Lead.viewerMayWork, the rule every
 * write checks); only the words are chosen here.
 */
export function workRefusal(
  lead: {
    readOnly: boolean;
    viewerMayWork: boolean;
    owner?: { id: string } | null;
    claimedBy?: { id: string; name: string } | null;
  },
  viewer: { id: string | null; permissions: Permissions },
): string | null {
  if (lead.readOnly) return "Converted leads no longer change.";
  if (lead.viewerMayWork) return null;
  if (lead.claimedBy && lead.claimedBy.id !== viewer.id) {
    return `${lead.claimedBy.name} holds a claim on this lead: only they or a manager may work it.`;
  }
  if (!lead.owner && viewer.permissions.claim) return "Claim this lead (under Owner) to work it.";
  return "Only the lead's owner or a manager may work it.";
}
