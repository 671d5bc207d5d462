import { type FieldError, FieldErrors, FORM_FIELD_KEYS, THANK_YOU_LIMIT } from "@leadline/shared";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import {
  type CaptchaCredentialRow,
  type CaptureFormRow,
  captchaCredentials,
  captureForms,
  formSubmissions,
  type LeadRow,
  queues,
} from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, DomainError, forbidden, notFound } from "../../errors.js";
import type { AuthService } from "../auth/auth.service.js";
import type { SecretBox } from "../auth/secret-box.js";
import type { Viewer } from "../auth/viewer.js";
import type { CreateLead } from "../leads/create-lead.js";
import { attributionOf, leadInputOf, submittedValues } from "./form-fields.js";
import { CAPTCHA_FIELD, type FormGuard } from "./form-guard.js";
import { formFragment, page, thanksFragment } from "./form-page.js";

export interface CaptureFormParams {
  name: string;
  fields: string[];
  active?: boolean | null;
  captchaEnabled?: boolean | null;
  redirectUrl?: string | null;
  thankYouMessage?: string | null;
  queueId?: string | null;
}

/** What the admin screen may show of the captcha keys: the public site key, and that a secret is set. */
export interface CaptchaStatus {
  siteKey: string;
  secretSet: true;
  updatedAt: Date;
}

/** A form as a visitor would see it, before it is saved: the hosted page, and the page after sending. */
export interface CaptureFormPreview {
  formHtml: string;
  thanksHtml: string;
}

/** A form as the public pages need it: the row, and the tenant's captcha site key when the form asks for one. */
export interface PublicForm {
  form: CaptureFormRow;
  captchaSiteKey: string | null;
}

export interface SubmissionResult {
  lead: LeadRow;
  /** True when the person already had an open lead: this submission was added to it as a touch. */
  touchedExisting: boolean;
  redirectUrl: string | null;
  thankYouMessage: string | null;
}

const NAME_LIMIT = 200;
const URL_LIMIT = 2_000;
const KEY_LIMIT = 200;
const SECRET_LIMIT = 500;
const NO_CAPTCHA_KEYS = "set the reCAPTCHA keys first (setCaptchaCredential)";

/**
 * Capture forms (seed 004): marketers and admins publish them; anyone may
 * submit one. A submission passes the form guard, then goes through the one
 * create path with channel FORM: scored, then routed by the tenant's rules
 * (or to the form's queue), in the transaction that records the submission
 * and counts it. A person who already has an open lead (same email or phone)
 * gets this submission as another touch on that lead: the first touch's
 * attribution is never overwritten.
 */
export class CaptureFormService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly createLead: CreateLead,
    private readonly box: SecretBox,
    readonly guard: FormGuard,
  ) {}

  async list(viewer: Viewer): Promise<CaptureFormRow[]> {
    if (!viewer.permissions.forms) throw forbidden("Only marketers and admins manage capture forms");
    return this.db
      .select()
      .from(captureForms)
      .where(eq(captureForms.tenantId, viewer.tenantId))
      .orderBy(asc(captureForms.createdAt), asc(captureForms.id));
  }

  /** Creates a form (no id) or replaces one of the tenant's; every bad field is reported at once. */
  async upsert(viewer: Viewer, id: string | null | undefined, params: CaptureFormParams): Promise<CaptureFormRow> {
    if (!viewer.permissions.forms) throw forbidden("Only marketers and admins manage capture forms");
    const errors = new FieldErrors();
    const name = params.name.trim();
    if (!name) errors.add("name", "is required");
    else if (name.length > NAME_LIMIT) errors.add("name", `must be at most ${NAME_LIMIT} characters`);
    const fields = [...new Set(params.fields.map((f) => f.trim()))];
    for (const [i, key] of fields.entries()) {
      if (!FORM_FIELD_KEYS.includes(key)) errors.add(`fields.${i}`, `"${key}" is not a lead field a form can ask for`);
    }
    const redirectUrl = params.redirectUrl?.trim() || null;
    if (redirectUrl && !isWebUrl(redirectUrl)) errors.add("redirectUrl", "must be an http or https URL");
    const thankYouMessage = params.thankYouMessage?.trim() || null;
    if (thankYouMessage && thankYouMessage.length > THANK_YOU_LIMIT) {
      errors.add("thankYouMessage", `must be at most ${THANK_YOU_LIMIT} characters`);
    }
    if (params.queueId && !(await this.isQueueOf(viewer.tenantId, params.queueId)))
      errors.add("queueId", "is not a queue of this tenant");
    if (params.captchaEnabled && !(await this.captchaOf(viewer.tenantId)))
      errors.add("captchaEnabled", NO_CAPTCHA_KEYS);
    if (id && !isUuid(id)) throw notFound("Capture form");
    if (!errors.empty) throw badInput(errors.list);
    const values = {
      name,
      fields,
      redirectUrl,
      thankYouMessage,
      queueId: params.queueId ?? null,
      updatedById: viewer.userId,
      updatedAt: new Date(),
      ...(params.active != null ? { active: params.active } : {}),
      ...(params.captchaEnabled != null ? { captchaEnabled: params.captchaEnabled } : {}),
    };
    return this.db.transaction(async (tx) => {
      if (params.captchaEnabled) {
        // Held to the commit: keys being cleared meanwhile wait for this form and then see it, or are gone here.
        const [keys] = await tx
          .select({ tenantId: captchaCredentials.tenantId })
          .from(captchaCredentials)
          .where(eq(captchaCredentials.tenantId, viewer.tenantId))
          .for("share");
        if (!keys) throw badInput([{ field: "captchaEnabled", message: NO_CAPTCHA_KEYS }]);
      }
      if (!id) {
        const [created] = await tx
          .insert(captureForms)
          .values({ ...values, tenantId: viewer.tenantId })
          .returning();
        assertFoundOrThrow(created, "Capture form");
        return created;
      }
      const [updated] = await tx
        .update(captureForms)
        .set(values)
        .where(and(eq(captureForms.id, id), eq(captureForms.tenantId, viewer.tenantId)))
        .returning();
      assertFoundOrThrow(updated, "Capture form");
      return updated;
    });
  }

  /**
   * ADMIN: the tenant's reCAPTCHA keys. The secret is sealed with the server
   * key before it is stored and is never returned by any API.
   */
  async setCaptchaCredential(viewer: Viewer, siteKey: string, secret: string): Promise<boolean> {
    if (!viewer.permissions.admin) throw forbidden("Only admins set the captcha keys");
    const errors: FieldError[] = [];
    const key = siteKey.trim();
    const plain = secret.trim();
    if (!key || key.length > KEY_LIMIT)
      errors.push({ field: "siteKey", message: `must be 1 to ${KEY_LIMIT} characters` });
    if (!plain || plain.length > SECRET_LIMIT)
      errors.push({ field: "secret", message: `must be 1 to ${SECRET_LIMIT} characters` });
    if (errors.length) throw badInput(errors);
    const row = {
      tenantId: viewer.tenantId,
      siteKey: key,
      secretSealed: this.box.seal(plain, viewer.tenantId),
      updatedById: viewer.userId,
      updatedAt: new Date(),
    };
    await this.db
      .insert(captchaCredentials)
      .values(row)
      .onConflictDoUpdate({ target: captchaCredentials.tenantId, set: row });
    return true;
  }

  /** Marketers and admins: whether the tenant's reCAPTCHA keys are set (the site key is public; the secret never leaves). */
  async captchaStatus(viewer: Viewer): Promise<CaptchaStatus | null> {
    if (!viewer.permissions.forms) throw forbidden("Only marketers and admins manage capture forms");
    const row = await this.captchaOf(viewer.tenantId);
    return row ? captchaStatusOf(row) : null;
  }

  /**
   * ADMIN: removes the tenant's reCAPTCHA keys. Refused while a form asks
   * for the captcha (its submissions could not be checked, so every one
   * would be refused): the forms are named. Answers whether keys were removed.
   */
  async clearCaptchaCredential(viewer: Viewer): Promise<boolean> {
    if (!viewer.permissions.admin) throw forbidden("Only admins clear the captcha keys");
    return this.db.transaction(async (tx) => {
      // Serializes with a form being saved with the captcha on (upsert checks the keys exist first).
      const [keys] = await tx
        .select({ tenantId: captchaCredentials.tenantId })
        .from(captchaCredentials)
        .where(eq(captchaCredentials.tenantId, viewer.tenantId))
        .for("update");
      if (!keys) return false;
      const using = await tx
        .select({ name: captureForms.name })
        .from(captureForms)
        .where(and(eq(captureForms.tenantId, viewer.tenantId), eq(captureForms.captchaEnabled, true)))
        .orderBy(asc(captureForms.name));
      if (using.length > 0) {
        throw new DomainError(
          "INVALID_STATE",
          `Turn the captcha off on ${using.map((f) => `“${f.name}”`).join(", ")} first: their submissions could not be checked`,
          undefined,
          { forms: using.map((f) => f.name) },
        );
      }
      await tx.delete(captchaCredentials).where(eq(captchaCredentials.tenantId, viewer.tenantId));
      return true;
    });
  }

  /**
   * Marketers and admins: the form as a visitor will see it, from settings
   * not yet saved, rendered by the same code as the hosted page. Fields a
   * form may not ask for are left out, as the hosted page leaves them out;
   * saving reports them.
   */
  preview(viewer: Viewer, params: CaptureFormParams): CaptureFormPreview {
    if (!viewer.permissions.forms) throw forbidden("Only marketers and admins manage capture forms");
    const name = params.name.trim().slice(0, NAME_LIMIT) || "Untitled form";
    const fragment = formFragment({
      form: { name, fields: params.fields.map((f) => f.trim()) },
      // Drawn as a placeholder: the preview needs no key, and saving checks that the keys are set.
      captchaSiteKey: params.captchaEnabled ? "preview" : null,
      action: "#",
      token: "",
      values: {},
      errors: [],
      preview: true,
    });
    const thanks = params.thankYouMessage?.trim().slice(0, THANK_YOU_LIMIT) || null;
    return { formHtml: page(name, fragment), thanksHtml: page("Thank you", thanksFragment(thanks)) };
  }

  /** An active form for the public pages; NOT_FOUND for anything else (an inactive form is not told apart). */
  async publicFormOrThrow(formId: string): Promise<PublicForm> {
    if (!isUuid(formId)) throw notFound("Form");
    const [form] = await this.db
      .select()
      .from(captureForms)
      .where(and(eq(captureForms.id, formId), eq(captureForms.active, true)));
    if (!form) throw notFound("Form");
    const captcha = form.captchaEnabled ? await this.captchaOf(form.tenantId) : null;
    return { form, captchaSiteKey: captcha?.siteKey ?? null };
  }

  /**
   * A public submission: guarded, then one transaction makes (or touches)
   * the lead, records the submission and counts it. Nothing is written for
   * a refused one.
   */
  async submit(formId: string, posted: Record<string, string>, clientAddress: string): Promise<SubmissionResult> {
    const { form } = await this.publicFormOrThrow(formId);
    await this.guard.takeRateOrThrow(form.id, clientAddress);
    this.guard.checkHumanOrThrow(form.id, posted);
    if (form.captchaEnabled) {
      const captcha = await this.captchaOf(form.tenantId);
      if (!captcha) throw new DomainError("CAPTCHA_FAILED", "This form's captcha is not set up; tell the site's owner");
      await this.guard.verifyCaptchaOrThrow(
        this.box.open(captcha.secretSealed, form.tenantId),
        posted[CAPTCHA_FIELD],
        clientAddress,
      );
    }
    const viewer = await this.auth.viewerForForm(form.tenantId, form.updatedById, form.id);
    if (!viewer) throw new DomainError("INVALID_STATE", "This form is not accepting submissions right now");
    const input = leadInputOf(form, posted);
    const place = await this.createLead.placeOf(viewer, null);
    return this.createLead.transaction(async (tx) => {
      const outcome = await this.createLead.runIn(
        tx,
        viewer,
        { input, channel: "FORM", duplicates: "MERGE", route: true, form: { id: form.id, queueId: form.queueId } },
        place,
      );
      const lead = outcome.lead as LeadRow;
      await tx.insert(formSubmissions).values({
        tenantId: form.tenantId,
        formId: form.id,
        leadId: lead.id,
        data: submittedValues(form, posted),
        attribution: attributionOf(posted) as Record<string, string>,
      });
      await tx
        .update(captureForms)
        .set({ submissions: sql`${captureForms.submissions} + 1` })
        .where(eq(captureForms.id, form.id));
      return {
        lead,
        touchedExisting: outcome.merged,
        redirectUrl: form.redirectUrl,
        thankYouMessage: form.thankYouMessage,
      };
    });
  }

  private async captchaOf(tenantId: string) {
    const [row] = await this.db.select().from(captchaCredentials).where(eq(captchaCredentials.tenantId, tenantId));
    return row ?? null;
  }

  private async isQueueOf(tenantId: string, queueId: string): Promise<boolean> {
    if (!isUuid(queueId)) return false;
    const [queue] = await this.db
      .select({ id: queues.id })
      .from(queues)
      .where(and(eq(queues.id, queueId), eq(queues.tenantId, tenantId)));
    return Boolean(queue);
  }
}

function captchaStatusOf(row: CaptchaCredentialRow): CaptchaStatus {
  return { siteKey: row.siteKey, secretSet: true, updatedAt: row.updatedAt };
}

function isWebUrl(value: string): boolean {
  if (value.length > URL_LIMIT) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
