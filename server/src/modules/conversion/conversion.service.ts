import { type DealDraft, FieldErrors, validateDealDraft } from "@leadline/shared";
import { and, asc, eq, or, type SQL, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import {
  type CompanyRow,
  type ContactRow,
  companies,
  contacts,
  type DealRow,
  deals,
  type LeadRow,
} from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, conflict, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { appendLeadEvent } from "../events/event.service.js";
import { lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";
import { planStageChange, type StageChanger, stagesOfPipeline } from "../pipeline/stage-change.js";
import type { SlaService } from "../sla/sla.service.js";

export interface ConvertLeadParams extends DealDraft {
  contactId?: string | null;
  companyId?: string | null;
  createCompany?: boolean | null;
}

export interface ConversionOutcome {
  lead: LeadRow;
  contact: ContactRow;
  company: CompanyRow | null;
  deal: DealRow | null;
}

/**
 * Seeds 002–004: a qualified lead becomes CRM records in one transaction —
 * contact (given, matched or new), company (given, found or new), optional
 * deal — and the lead moves to its pipeline's WON stage, read-only from then
 * on. Any failure rolls everything back: no half-converted lead.
 */
export class ConversionService {
  constructor(
    private readonly db: Database,
    private readonly stageChanger: StageChanger,
    private readonly sla: SlaService,
  ) {}

  async convertLead(viewer: Viewer, id: string, params: ConvertLeadParams): Promise<ConversionOutcome> {
    if (!viewer.permissions.convert) throw forbidden("Converting leads needs the convert permission (manager)");
    const errors = new FieldErrors();
    for (const field of ["contactId", "companyId"] as const) {
      if (params[field] != null && !isUuid(params[field])) errors.add(field, "is not an id");
    }
    return this.db.transaction(async (tx) => {
      const lead = await lockWorkableLeadOrThrow(tx, viewer, id);
      const deal = validateDealDraft(params, lead.name, errors);
      if (!errors.empty) throw badInput(errors.list);

      const stages = await stagesOfPipeline(tx, lead.pipelineId);
      // The stage kept for conversion, else the pipeline's first WON stage.
      const won = stages.find((s) => s.conversionOnly) ?? stages.find((s) => s.category === "WON");
      if (!won) throw conflict("INVALID_STATE", "This lead's pipeline has no WON stage to convert into");
      // A job a move already completed (a WON stage not kept for conversion) converts where it is;
      // otherwise the transition rules are checked before anything is created (the stage change checks them again).
      const stays = lead.status === won.key && !won.conversionOnly;
      if (!stays) planStageChange(lead, stages, { to: won, via: "CONVERSION" });

      // Duplicate check first: an existing company or contact is reused, never created twice.
      const company = await this.companyFor(tx, lead, params, errors);
      const contact = await this.contactFor(tx, lead, params, company, errors);
      if (!errors.empty || !contact.row) throw badInput(errors.list);

      const [dealRow] = deal
        ? await tx
            .insert(deals)
            .values({
              tenantId: lead.tenantId,
              ...deal,
              contactId: contact.row.id,
              companyId: company.row?.id ?? null,
            })
            .returning()
        : [];

      const now = new Date();
      // Not a first response (issue 14): only a message sent to the person is. The SLA timers of a
      // converted lead stand down (SlaService.checkSla), so its clock announces nothing more.
      const values: Partial<LeadRow> = {
        convertedAt: now,
        convertedContactId: contact.row.id,
        convertedCompanyId: company.row?.id ?? null,
        convertedDealId: dealRow?.id ?? null,
        contactId: contact.row.id,
        companyId: company.row?.id ?? lead.companyId,
        claimedById: null,
        claimExpiresAt: null,
      };
      const converted = {
        type: "CONVERTED" as const,
        actor: viewer,
        payload: {
          contactId: contact.row.id,
          contactCreated: contact.created,
          companyId: company.row?.id ?? null,
          companyCreated: company.created,
          dealId: dealRow?.id ?? null,
        },
      };
      if (stays) {
        const updated = await writeLeadChange(tx, lead, values, converted);
        return { lead: updated, contact: contact.row, company: company.row, deal: dealRow ?? null };
      }
      const updated = await this.stageChanger.change(tx, lead, stages, {
        to: won,
        via: "CONVERSION",
        actor: viewer,
        values,
        // STATUS_CHANGED first, so a board watching stage changes sees the card leave its column.
        payload: { conversion: true },
      });
      await appendLeadEvent(tx, { tenantId: lead.tenantId, leadId: lead.id, ...converted });
      return { lead: updated, contact: contact.row, company: company.row, deal: dealRow ?? null };
    });
  }

  /** The given company, else the lead's, else one found by TIN, domain or name, else a new one. */
  private async companyFor(tx: Executor, lead: LeadRow, params: ConvertLeadParams, errors: FieldErrors) {
    const givenId = params.companyId ?? lead.companyId;
    if (givenId) {
      const [row] = await tx
        .select()
        .from(companies)
        .where(and(eq(companies.tenantId, lead.tenantId), eq(companies.id, givenId)));
      if (!row) errors.add("companyId", "is not a company of this tenant");
      return { row: row ?? null, created: false };
    }
    const keys: SQL[] = [];
    if (lead.companyTin) keys.push(eq(companies.tin, lead.companyTin));
    if (lead.companyDomain) keys.push(eq(companies.websiteDomain, lead.companyDomain));
    if (lead.companyName) keys.push(sql`lower(${companies.name}) = lower(${lead.companyName})`);
    if (keys.length) {
      // TIN is the strongest key, then the domain, then the name.
      const [found] = await tx
        .select()
        .from(companies)
        .where(and(eq(companies.tenantId, lead.tenantId), or(...keys)))
        .orderBy(
          sql`case when ${companies.tin} = ${lead.companyTin ?? null} then 0 when ${companies.websiteDomain} = ${lead.companyDomain ?? null} then 1 else 2 end`,
          asc(companies.createdAt),
        )
        .limit(1);
      if (found) return { row: found, created: false };
    }
    if (params.createCompany === false || !lead.companyName) {
      if (params.createCompany && !lead.companyName) errors.add("createCompany", "the lead names no company");
      return { row: null, created: false };
    }
    const [row] = await tx
      .insert(companies)
      .values({
        tenantId: lead.tenantId,
        name: lead.companyName,
        website: lead.companyWebsite,
        websiteDomain: lead.companyDomain,
        tin: lead.companyTin,
      })
      .returning();
    assertFoundOrThrow(row, "Company");
    return { row, created: true };
  }

  /** The given contact, else the lead's, else one with the lead's email or phone, else a new one. */
  private async contactFor(
    tx: Executor,
    lead: LeadRow,
    params: ConvertLeadParams,
    company: { row: CompanyRow | null },
    errors: FieldErrors,
  ): Promise<{ row: ContactRow | null; created: boolean }> {
    const givenId = params.contactId ?? lead.contactId;
    if (givenId) {
      const [row] = await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.tenantId, lead.tenantId), eq(contacts.id, givenId)));
      if (!row) errors.add("contactId", "is not a contact of this tenant");
      return { row: row ?? null, created: false };
    }
    const keys: SQL[] = [];
    if (lead.email) keys.push(eq(contacts.email, lead.email));
    if (lead.phone) keys.push(eq(contacts.phone, lead.phone));
    if (keys.length) {
      // Prefer the person already at this company, then the oldest record.
      const [found] = await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.tenantId, lead.tenantId), or(...keys)))
        .orderBy(
          sql`case when ${contacts.companyId} = ${company.row?.id ?? null} then 0 else 1 end`,
          asc(contacts.createdAt),
        )
        .limit(1);
      if (found) {
        if (!found.companyId && company.row) {
          const [linked] = await tx
            .update(contacts)
            .set({ companyId: company.row.id, updatedAt: new Date() })
            .where(eq(contacts.id, found.id))
            .returning();
          return { row: linked ?? found, created: false };
        }
        return { row: found, created: false };
      }
    }
    const [row] = await tx
      .insert(contacts)
      .values({
        tenantId: lead.tenantId,
        companyId: company.row?.id ?? null,
        // A lead with only a display name still gives its contact a name.
        firstName: lead.firstName ?? (lead.lastName ? null : lead.name),
        lastName: lead.lastName,
        middleName: lead.middleName,
        email: lead.email,
        phone: lead.phone,
        jobTitle: lead.jobTitle,
      })
      .returning();
    assertFoundOrThrow(row, "Contact");
    return { row, created: true };
  }
}
