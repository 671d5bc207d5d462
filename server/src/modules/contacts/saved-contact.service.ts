import { and, asc, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type ContactRow, contacts, type LeadRow, leads } from "../../db/schema/index.js";
import { assertFoundOrThrow, conflict, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { appendLeadEvent } from "../events/event.service.js";
import { canWorkLead, visibleLeads } from "../lead-core/lead-access.js";

/**
 * Seed 001's saved contacts: important customers kept for repeat business.
 * `saveContact` takes a lead id — contacts are reached through leads — and
 * saves (or unsaves) the tenant contact of that lead's person.
 */
export class SavedContactService {
  constructor(private readonly db: Database) {}

  /**
   * The lead's contact is the one it links to (chosen at creation or made by
   * conversion); failing that, the tenant's contact with the lead's email, or
   * else its phone; failing that, a new contact from the lead's details. The
   * lead is linked to it, so the next save finds the same contact.
   */
  async saveContact(viewer: Viewer, leadId: string, saved: boolean): Promise<ContactRow> {
    return this.db.transaction(async (tx) => {
      const [lead] = isUuid(leadId)
        ? await tx
            .select()
            .from(leads)
            .where(and(visibleLeads(viewer), eq(leads.id, leadId)))
            .for("update")
        : [];
      assertFoundOrThrow(lead, "Lead");
      if (!canWorkLead(viewer, lead)) throw forbidden("You may view this lead but not change it; claim it first");
      const linkedId = lead.contactId ?? lead.convertedContactId;
      let contact = linkedId ? await this.contactById(tx, lead.tenantId, linkedId) : undefined;
      const links = !contact;
      if (!contact) {
        // A converted lead is read-only; conversion always links its contact, so this is only a safeguard.
        if (lead.convertedAt) throw conflict("READ_ONLY", "Lead was converted and is read-only");
        contact = await this.findOrCreateContact(tx, lead);
      }
      const savedChanges = contact.saved !== saved;
      if (savedChanges) {
        const [updated] = await tx
          .update(contacts)
          .set({ saved, updatedAt: new Date() })
          .where(and(eq(contacts.tenantId, lead.tenantId), eq(contacts.id, contact.id)))
          .returning();
        assertFoundOrThrow(updated, "Contact");
        contact = updated;
      }
      if (!links && !savedChanges) return contact;
      const now = new Date();
      const [updatedLead] = await tx
        .update(leads)
        .set(
          links
            ? { contactId: contact.id, version: lead.version + 1, updatedAt: now, lastActivityAt: now }
            : { lastActivityAt: now },
        )
        .where(eq(leads.id, lead.id))
        .returning({ version: leads.version });
      await appendLeadEvent(tx, {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: "UPDATED",
        actor: viewer,
        payload: {
          changes: {
            ...(links ? { contactId: { from: null, to: contact.id } } : {}),
            ...(savedChanges ? { contactSaved: { from: !saved, to: saved } } : {}),
          },
          version: updatedLead?.version ?? lead.version,
        },
      });
      return contact;
    });
  }

  private async contactById(tx: Executor, tenantId: string, id: string): Promise<ContactRow | undefined> {
    const [contact] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)));
    return contact;
  }

  private async findOrCreateContact(tx: Executor, lead: LeadRow): Promise<ContactRow> {
    // Two leads of one person saved at the same moment would each find no contact and create one:
    // a per-tenant lock, held to commit, makes the second wait and find the first one's contact.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`leadline:contacts:${lead.tenantId}`}))`);
    for (const [column, value] of [
      [contacts.email, lead.email],
      [contacts.phone, lead.phone],
    ] as const) {
      if (!value) continue;
      const [match] = await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.tenantId, lead.tenantId), eq(column, value)))
        .orderBy(asc(contacts.createdAt), asc(contacts.id))
        .limit(1);
      if (match) return match;
    }
    const [created] = await tx
      .insert(contacts)
      .values({
        tenantId: lead.tenantId,
        companyId: lead.companyId,
        firstName: lead.firstName,
        lastName: lead.lastName,
        middleName: lead.middleName,
        email: lead.email,
        phone: lead.phone,
        jobTitle: lead.jobTitle,
      })
      .returning();
    assertFoundOrThrow(created, "Contact");
    return created;
  }
}
