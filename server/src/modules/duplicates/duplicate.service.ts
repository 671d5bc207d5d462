import { type DuplicateProbeFields, FieldErrors, isEmptyProbe, normalizeDuplicateProbe } from "@leadline/shared";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadRow, leads, tenants } from "../../db/schema/index.js";
import { withIndexedSearch } from "../../db/tenant-scope.js";
import { assertFoundOrThrow, badInput, conflict, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { visibleLeads } from "../lead-core/lead-access.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";
import { rescoreLockedLead } from "../scoring/score-recompute.js";
import {
  type DuplicateMatchRow,
  type DuplicateSearch,
  findDuplicateMatches,
  needsTransaction,
  probeOfLead,
} from "./duplicate-match.js";
import { fillEmptyFields, moveLeadRecords } from "./duplicate-merge.js";

/**
 * Seeds 003 and 004: the same person must not become two leads. Finds likely
 * duplicates of a probe or a lead and merges two leads into one; createLead's
 * merge prompt is in duplicate-prompt.ts.
 */
export class DuplicateService {
  constructor(private readonly db: Database) {}

  /** Duplicates of a person described by hand, best first. */
  async findDuplicates(viewer: Viewer, fields: DuplicateProbeFields): Promise<DuplicateMatchRow[]> {
    // Only a phone needs the tenant's country (numbers without a prefix are read in it).
    const [tenant] = fields.phone?.trim()
      ? await this.db
          .select({ defaultCountry: tenants.defaultCountry })
          .from(tenants)
          .where(eq(tenants.id, viewer.tenantId))
          .prepare("duplicate_probe_country")
          .execute()
      : [];
    const errors = new FieldErrors();
    const probe = normalizeDuplicateProbe(fields, tenant?.defaultCountry ?? "US", errors);
    if (errors.empty && isEmptyProbe(probe)) {
      errors.add("input", "give at least one of email, phone, name, companyName, companyWebsite or companyTin");
    }
    if (!errors.empty) throw badInput(errors.list);
    const [matches] = await this.search(viewer, [{ probe }]);
    return matches ?? [];
  }

  /** `Lead.duplicates` for a batch of visible leads (searched together), each without itself. */
  async duplicatesOfLeads(viewer: Viewer, rows: readonly LeadRow[]): Promise<DuplicateMatchRow[][]> {
    const searches = rows.map((lead) => ({
      probe: probeOfLead(lead),
      excludeLeadId: lead.id,
      excludeContactIds: [lead.contactId, lead.convertedContactId].filter((id): id is string => id !== null),
    }));
    return this.search(viewer, searches);
  }

  private search(viewer: Viewer, searches: DuplicateSearch[]): Promise<DuplicateMatchRow[][]> {
    return withIndexedSearch(this.db, (db) =>
      needsTransaction(searches)
        ? db.transaction((tx) => findDuplicateMatches(tx, viewer, searches))
        : findDuplicateMatches(db, viewer, searches),
    );
  }

  /**
   * Merges `sourceId` into `targetId` in one transaction: the source's
   * attachments, messages and score signals move to the target, the target's
   * empty fields are filled from the source, both get a MERGED event, and
   * the source is retired (merged_into_id set), so it leaves every list,
   * board count and inbox. The source's own event log stays with it
   * (append-only); its notes and messages show on the target's timeline.
   */
  async mergeLeads(viewer: Viewer, targetId: string, sourceId: string): Promise<LeadRow> {
    if (!viewer.permissions.manage) throw forbidden("Merging leads needs the manage permission (manager)");
    if (targetId === sourceId) throw badInput([{ field: "sourceId", message: "must be another lead than targetId" }]);
    return this.db.transaction(async (tx) => {
      // Both rows locked in id order, so two merges of the same pair (either way round) queue instead of deadlocking.
      const locked =
        isUuid(targetId) && isUuid(sourceId)
          ? await tx
              .select()
              .from(leads)
              .where(and(visibleLeads(viewer), inArray(leads.id, [targetId, sourceId])))
              .orderBy(asc(leads.id))
              .for("update")
          : [];
      const target = locked.find((lead) => lead.id === targetId);
      const source = locked.find((lead) => lead.id === sourceId);
      assertFoundOrThrow(target, "Lead");
      assertFoundOrThrow(source, "Lead");
      if (target.convertedAt || source.convertedAt) {
        throw conflict("READ_ONLY", "A converted lead is read-only and cannot be merged");
      }
      const moved = await moveLeadRecords(tx, source, target);
      const fill = fillEmptyFields(target, source);
      const now = new Date();
      await writeLeadChange(
        tx,
        source,
        // Its claim ends with it, so no claim timer acts on a retired lead.
        { retiredAt: now, mergedIntoId: target.id, claimedById: null, claimExpiresAt: null },
        { type: "MERGED", actor: viewer, payload: { mergedIntoId: target.id, mergedIntoRequestId: target.requestId } },
      );
      const merged = await writeLeadChange(tx, target, fill, {
        type: "MERGED",
        actor: viewer,
        payload: {
          sourceId: source.id,
          sourceRequestId: source.requestId,
          sourceName: source.name,
          filled: Object.keys(fill),
          moved,
        },
      });
      // The moved signals (and a job title it lacked) count at once.
      return rescoreLockedLead(tx, merged, { actor: viewer });
    });
  }
}
