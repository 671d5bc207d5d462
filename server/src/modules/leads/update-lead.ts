import { FieldErrors, LEAD_COMPANY_FIELDS } from "@leadline/shared";
import { eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { type LeadRow, type TenantRow, tenants } from "../../db/schema/index.js";
import { badInput, conflict, DomainError, staleVersion } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { UpdateLeadParams } from "../lead-core/lead.params.js";
import { normalizeEditable, requiredText, text } from "../lead-core/lead.validation.js";
import { lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import { findCompanyClashes, resolveReferences } from "../lead-core/lead-references.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";
import { rescoreLockedLead } from "../scoring/score-recompute.js";
import type { ExpiryService } from "../workflow/expiry.service.js";

/** Editing a lead's fields: the one path for every channel that changes what a lead says. */
export class UpdateLead {
  constructor(
    private readonly db: Database,
    private readonly expiry: ExpiryService,
  ) {}

  /**
   * Locks the row, checks the caller's expected version, and writes the new
   * version with an UPDATED event listing each changed field's old and new
   * value. Two stale writers cannot both win: the second sees CONFLICT.
   */
  async run(viewer: Viewer, id: string, input: UpdateLeadParams, expectedVersion?: number | null): Promise<LeadRow> {
    return this.db.transaction(async (tx) => {
      const lead = await lockWorkableLeadOrThrow(tx, viewer, id);
      if (expectedVersion != null && expectedVersion !== lead.version) {
        throw staleVersion(lead.version, expectedVersion);
      }
      const tenant = await this.tenantOf(tx, viewer.tenantId);
      const errors = new FieldErrors();
      const values = normalizeEditable(input, tenant.defaultCountry, errors, new Date());
      if (input.name !== undefined) {
        const name = requiredText(errors, "name", input.name);
        if (name) values.name = name;
      }
      if (input.outcome !== undefined) values.outcome = text(errors, "outcome", input.outcome);
      if (lead.companyId) {
        for (const { key: field } of LEAD_COMPANY_FIELDS) {
          if (values[field]) errors.add(field, "the lead is linked to an existing company; edit the company instead");
        }
      }
      await resolveReferences(
        tx,
        viewer.tenantId,
        { partnerRepresentativeId: values.partnerRepresentativeId, partnerCompanyId: values.partnerCompanyId },
        errors,
      );
      const email = values.email !== undefined ? values.email : lead.email;
      const phone = values.phone !== undefined ? values.phone : lead.phone;
      if (!email && !phone && !errors.list.some((e) => e.field === "email" || e.field === "phone")) {
        errors.add(values.email === null ? "email" : "phone", "a lead keeps an email or a phone number");
      }
      if (!errors.empty) throw badInput(errors.list);

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of Object.entries(values) as [keyof LeadRow, unknown][]) {
        const before = lead[key];
        if (!sameValue(before, value)) changes[key] = { from: before, to: value };
      }
      if (Object.keys(changes).length === 0) return lead;
      const clashes = await findCompanyClashes(tx, viewer.tenantId, {
        companyName: "companyName" in changes ? values.companyName : undefined,
        companyWebsite: "companyWebsite" in changes ? values.companyWebsite : undefined,
        companyTin: "companyTin" in changes ? values.companyTin : undefined,
      });
      if (clashes.length)
        throw conflict("ALREADY_EXISTS", `Company already exists: ${clashes.map((c) => c.field).join(", ")}`, clashes);
      const updated = await writeLeadChange(tx, lead, values, { type: "UPDATED", actor: viewer, payload: { changes } });
      if ("expiresAt" in changes) await this.expiry.schedule(tx, updated);
      // The title's ICP and negative keywords are part of the score.
      if ("jobTitle" in changes) return rescoreLockedLead(tx, updated, { actor: viewer });
      return updated;
    });
  }

  private async tenantOf(tx: Executor, tenantId: string): Promise<TenantRow> {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
    if (!tenant) throw new DomainError("SIGN_IN_REQUIRED", "Tenant no longer exists");
    return tenant;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}
