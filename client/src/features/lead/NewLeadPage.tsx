import { useMutation } from "@apollo/client/react";
import { LEAD_SOURCES } from "@leadline/shared";
import { type FormEvent, useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Dialog } from "../../components/Dialog";
import { describeError, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql } from "../../gql";
import type { CreateLeadMutation, DuplicateResolution, LeadSource } from "../../gql/graphql";
import { SOURCE_LABELS } from "../../labels";
import { navigate, paths } from "../../router";
import { percent, reasonLabel } from "./LeadDuplicates";
import { LeadExtrasSection } from "./LeadExtrasSection";
import { emptyLeadValues, LeadFieldInputs } from "./LeadFieldInputs";
import { CompanyPicker, ContactPicker, OwnerPicker, type PickedCompany } from "./LeadPickers";
import { validateLeadFields } from "./lead-fields";
import {
  type CompanyChoice,
  choiceErrors,
  createLeadInput,
  extrasErrors,
  isExtrasField,
  type LeadChoice,
  type LeadExtras,
  NO_CHOICE,
  NO_EXTRAS,
  requiredFields,
  shownFields,
  usesExistingContact,
} from "./new-lead-choice";

const CreateLead = graphql(`
  mutation CreateLead($input: CreateLeadInput!, $onDuplicate: DuplicateResolution) {
    createLead(input: $input, onDuplicate: $onDuplicate) {
      lead {
        id
        name
      }
      merged
      duplicates {
        lead {
          id
          name
          email
          phone
          companyName
          owner {
            id
            name
          }
        }
        contact {
          id
          firstName
          lastName
          email
        }
        reasons
        confidence
      }
    }
  }
`);

type Matches = CreateLeadMutation["createLead"]["duplicates"];

const COMPANY_CHOICES: { id: CompanyChoice; label: string }[] = [
  { id: "none", label: "No company" },
  { id: "existing", label: "Existing company" },
  { id: "new", label: "New company" },
];

/**
 * The new-lead form (seeds 002/003): a person's lead, or one for an existing
 * company (picked by typeahead, then one of its contacts or a new one) or a
 * new company, with the fields each choice requires (new-lead-choice.ts) and
 * an owner for managers to pick, and the optional rest (partner, customer,
 * expiry, files) folded below. The server is asked first without a
 * resolution: when the lead looks like one that exists, nothing is created
 * and the matches come back, and the rep chooses to merge or keep both.
 */
export function NewLeadPage() {
  const id = useId();
  const toast = useToast();
  const [values, setValues] = useState(emptyLeadValues);
  const [source, setSource] = useState<LeadSource>("MANUAL");
  const [choice, setChoice] = useState<LeadChoice>(NO_CHOICE);
  const [company, setCompany] = useState<PickedCompany | null>(null);
  const [extras, setExtras] = useState<LeadExtras>(NO_EXTRAS);
  const [moreOpen, setMoreOpen] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [matches, setMatches] = useState<Matches | null>(null);
  const [create, { loading }] = useMutation(CreateLead);
  const shown = shownFields(choice);

  function choose(next: Partial<LeadChoice>) {
    setChoice((current) => ({ ...current, ...next }));
  }

  /** Errors shown; the folded section opens when one of its fields is refused. */
  function showErrors(next: Record<string, string>) {
    setErrors(next);
    if (Object.keys(next).some(isExtrasField)) setMoreOpen(true);
  }

  async function send(onDuplicate?: DuplicateResolution) {
    try {
      const input = createLeadInput(choice, values, source, extras);
      const { data } = await create({ variables: { input, onDuplicate } });
      const result = data?.createLead;
      if (!result) return;
      if (result.lead) {
        setMatches(null);
        toast.show(result.merged ? `Merged into ${result.lead.name}` : `${result.lead.name} created`);
        navigate(paths.lead(result.lead.id), { replace: true });
      } else {
        setMatches(result.duplicates);
      }
    } catch (error) {
      setMatches(null);
      const fields = fieldErrorsOf(error as Error);
      showErrors(fields);
      if (Object.keys(fields).length === 0) toast.show(describeError(error as Error), "danger");
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const visible = Object.fromEntries(shown.map((name) => [name, values[name]]));
    const local = {
      ...validateLeadFields(visible, true, !usesExistingContact(choice)),
      ...choiceErrors(choice, values),
      ...extrasErrors(extras, new Date()),
    };
    showErrors(local);
    if (Object.keys(local).length === 0) void send();
  }

  return (
    <section className="lead-page new-lead">
      <header className="lead-page__header">
        <h1 className="page-title">New lead</h1>
      </header>
      <Card className="lead-page__card">
        <form onSubmit={onSubmit} noValidate aria-label="New lead">
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-source`}>Lead source</label>
              <select
                id={`${id}-source`}
                value={source}
                required
                onChange={(e) => setSource(e.target.value as LeadSource)}
              >
                {LEAD_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {SOURCE_LABELS[s]}
                  </option>
                ))}
              </select>
              {errors.source && <span className="field__error">{errors.source}</span>}
            </div>
            <OwnerPicker value={choice.ownerId} onChange={(ownerId) => choose({ ownerId })} error={errors.ownerId} />
          </div>
          <fieldset className="form-grid choice">
            <legend className="choice__legend">Company</legend>
            <div className="choice__options">
              {COMPANY_CHOICES.map((option) => (
                <label key={option.id} className="checkbox">
                  <input
                    type="radio"
                    name={`${id}-company`}
                    value={option.id}
                    checked={choice.company === option.id}
                    onChange={() =>
                      choose({
                        company: option.id,
                        companyId: option.id === "existing" ? (company?.id ?? null) : null,
                        contactId: null,
                      })
                    }
                  />
                  {option.label}
                </label>
              ))}
            </div>
            {choice.company === "existing" && (
              <CompanyPicker
                value={company}
                error={errors.existingCompanyId}
                onChange={(picked) => {
                  setCompany(picked);
                  choose({ companyId: picked?.id ?? null, contactId: null });
                }}
              />
            )}
            {choice.company === "existing" && choice.companyId && (
              <ContactPicker
                key={choice.companyId}
                companyId={choice.companyId}
                value={choice.contactId}
                error={errors.existingContactId}
                onChange={(contactId) => choose({ contactId })}
              />
            )}
          </fieldset>
          <LeadFieldInputs
            values={values}
            errors={errors}
            shown={shown}
            required={requiredFields(choice)}
            onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
          />
          <LeadExtrasSection
            extras={extras}
            errors={errors}
            open={moreOpen}
            onOpenChange={setMoreOpen}
            onChange={(change) => setExtras((current) => ({ ...current, ...change }))}
            onAttach={(file) => setExtras((current) => ({ ...current, attachments: [...current.attachments, file] }))}
            onDetach={(index) =>
              setExtras((current) => ({ ...current, attachments: current.attachments.filter((_, i) => i !== index) }))
            }
            onBusyChange={setUploading}
          />
          <div className="form-actions">
            <Button onClick={() => navigate(paths.inbox())}>Cancel</Button>
            <Button variant="primary" type="submit" disabled={loading || uploading}>
              {loading ? "Creating…" : uploading ? "Uploading…" : "Create lead"}
            </Button>
          </div>
        </form>
      </Card>
      <Dialog
        open={matches !== null}
        title="This lead may already exist"
        onClose={() => setMatches(null)}
        footer={
          <>
            <Button onClick={() => setMatches(null)}>Back to the form</Button>
            <Button onClick={() => send("KEEP_BOTH")} disabled={loading}>
              Keep both
            </Button>
            <Button variant="primary" onClick={() => send("MERGE")} disabled={loading}>
              Merge into this lead
            </Button>
          </>
        }
      >
        <p>Merging adds what you entered to the best match below (the first); keeping both creates a separate lead.</p>
        <ul className="duplicates" aria-label="Matching leads">
          {(matches ?? []).map((match, index) => {
            const contactName = match.contact
              ? [match.contact.firstName, match.contact.lastName].filter(Boolean).join(" ") || match.contact.email
              : null;
            return (
              <li key={match.lead?.id ?? match.contact?.id ?? index} className="duplicates__item">
                <div>
                  <strong>{match.lead?.name ?? `Contact ${contactName}`}</strong>
                  {index === 0 && <span className="muted"> · best match</span>}
                  <p className="muted duplicates__why">
                    {[match.lead?.email ?? match.contact?.email, match.lead?.phone, match.lead?.companyName]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  <p className="duplicates__why">
                    {match.reasons.map(reasonLabel).join(", ")} · {percent(match.confidence)}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      </Dialog>
    </section>
  );
}
