import { type ChangeEvent, type ReactNode, useId, useState } from "react";
import { Button } from "../../components/Button";
import type { AttachmentInput } from "../../gql/graphql";
import { localZone, toLocalInput } from "./date-time";
import { CompanyPicker, PartnerRepresentativePicker } from "./LeadPickers";
import type { LeadExtras } from "./new-lead-choice";
import { ACCEPTED_FILES, fileSize, uploadFile } from "./upload";

/** A labelled input with its hint and error tied to it (aria-describedby). */
function Field(props: {
  label: string;
  hint?: string;
  error?: string;
  field: string;
  children: (control: { id: string; describedBy: string | undefined; invalid: true | undefined }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [props.error && `${id}-error`, props.hint && `${id}-hint`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field" data-field={props.field}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, describedBy, invalid: props.error ? true : undefined })}
      {props.hint && (
        <span className="muted field__hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span className="field__error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
    </div>
  );
}

/** A summary of what is given, for the folded section: "partner, expiry, 2 files". */
function given(extras: LeadExtras): string {
  const parts = [
    (extras.partnerCompany || extras.partnerRepresentativeId) && "partner",
    extras.customerEmail.trim() && "customer",
    extras.expiresAt && "expiry",
    extras.attachments.length && `${extras.attachments.length} ${extras.attachments.length === 1 ? "file" : "files"}`,
  ].filter(Boolean);
  return parts.join(", ");
}

/**
 * New lead's optional rest, folded until wanted (it opens itself when one of
 * its fields is refused): seed 002's partner company and representative,
 * seed 000's customer, expiry and files. Files upload as soon as they are
 * picked (staged for the lead being created), so the list shows what the
 * server kept, and one can be removed before the lead is created.
 */
export function LeadExtrasSection(props: {
  extras: LeadExtras;
  errors: Record<string, string>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onChange: (change: Partial<LeadExtras>) => void;
  onAttach: (attachment: AttachmentInput) => void;
  onDetach: (index: number) => void;
  /** Files are still uploading: the form waits for them. */
  onBusyChange: (busy: boolean) => void;
}) {
  const id = useId();
  const { extras, errors } = props;
  const [uploading, setUploading] = useState<{ key: string; name: string }[]>([]);
  const [refusals, setRefusals] = useState<string[]>([]);
  const summary = given(extras);

  async function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    // The same file may be picked again after it was removed.
    input.value = "";
    if (files.length === 0) return;
    setRefusals([]);
    setUploading(files.map((f) => ({ key: `${f.name}:${f.size}:${f.lastModified}`, name: f.name })));
    props.onBusyChange(true);
    const refused: string[] = [];
    for (const file of files) {
      try {
        props.onAttach(await uploadFile(file));
      } catch (error) {
        refused.push(`${file.name}: ${(error as Error).message}`);
      }
      setUploading((names) => names.slice(1));
    }
    setRefusals(refused);
    props.onBusyChange(false);
  }

  const attachmentsError = [...refusals, errors.attachments].filter(Boolean);
  return (
    <details
      className="more-fields"
      open={props.open}
      onToggle={(e) => props.onOpenChange(e.currentTarget.open)}
      data-testid="lead-extras"
    >
      <summary className="more-fields__summary">
        Partner, customer and more
        {!props.open && summary && <span className="muted more-fields__given"> · {summary}</span>}
      </summary>
      <div className="form-grid more-fields__grid">
        <div data-field="partnerCompanyId">
          <CompanyPicker
            label="Partner company"
            optional
            value={extras.partnerCompany}
            error={errors.partnerCompanyId}
            onChange={(partnerCompany) => props.onChange({ partnerCompany })}
          />
        </div>
        <div data-field="partnerRepresentativeId">
          <PartnerRepresentativePicker
            partnerCompanyId={extras.partnerCompany?.id ?? null}
            value={extras.partnerRepresentativeId}
            error={errors.partnerRepresentativeId}
            onChange={(partnerRepresentativeId) => props.onChange({ partnerRepresentativeId })}
          />
        </div>
        <Field
          // Not "… email": the lead's own Email stays the one field of that name.
          label="Customer"
          field="customerEmail"
          hint="Their email links their account; a service-journey pipeline invites someone new."
          error={errors.customerEmail}
        >
          {(control) => (
            <input
              id={control.id}
              type="email"
              autoComplete="off"
              placeholder="name@example.com"
              value={extras.customerEmail}
              aria-invalid={control.invalid}
              aria-describedby={control.describedBy}
              onChange={(e) => props.onChange({ customerEmail: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Expires at"
          field="expiresAt"
          hint={`Your time (${localZone()}). Still open then, the lead is lost as expired.`}
          error={errors.expiresAt}
        >
          {(control) => (
            <input
              id={control.id}
              type="datetime-local"
              min={toLocalInput(new Date())}
              value={extras.expiresAt}
              aria-invalid={control.invalid}
              aria-describedby={control.describedBy}
              onChange={(e) => props.onChange({ expiresAt: e.target.value })}
            />
          )}
        </Field>
        <div className="field field--wide" data-field="attachments">
          <label htmlFor={`${id}-files`}>Attachments</label>
          <input
            id={`${id}-files`}
            className="more-fields__files"
            type="file"
            accept={ACCEPTED_FILES}
            multiple
            aria-invalid={attachmentsError.length ? true : undefined}
            aria-describedby={[`${id}-files-hint`, attachmentsError.length && `${id}-files-error`]
              .filter(Boolean)
              .join(" ")}
            onChange={onFiles}
          />
          <span className="muted field__hint" id={`${id}-files-hint`}>
            Photos or PDFs; each uploads when picked.
          </span>
          {(extras.attachments.length > 0 || uploading.length > 0) && (
            <ul className="attachment-list" aria-label="Attached files">
              {extras.attachments.map((file, index) => {
                const fileError = Object.entries(errors).find(([field]) =>
                  field.startsWith(`attachments.${index}.`),
                )?.[1];
                return (
                  <li key={file.url} className="attachment-list__item">
                    <span className="attachment-list__name">{file.name}</span>
                    <span className="muted attachment-list__size">{fileSize(file.size)}</span>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Remove ${file.name}`}
                      onClick={() => props.onDetach(index)}
                    >
                      Remove
                    </Button>
                    {fileError && <span className="field__error attachment-list__error">{fileError}</span>}
                  </li>
                );
              })}
              {uploading.map((file) => (
                <li key={file.key} className="attachment-list__item" aria-busy="true">
                  <span className="attachment-list__name">{file.name}</span>
                  <span className="muted attachment-list__size">Uploading…</span>
                </li>
              ))}
            </ul>
          )}
          {attachmentsError.length > 0 && (
            <span className="field__error" id={`${id}-files-error`} role="alert">
              {attachmentsError.join(" ")}
            </span>
          )}
        </div>
      </div>
    </details>
  );
}
