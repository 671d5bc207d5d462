import { useMutation } from "@apollo/client/react";
import { LEAD_SOURCES } from "@leadline/shared";
import { type FormEvent, useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Dialog } from "../../components/Dialog";
import { describeError, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql } from "../../gql";
import type { CreateLeadInput, CreateLeadMutation, DuplicateResolution, LeadSource } from "../../gql/graphql";
import { SOURCE_LABELS } from "../../labels";
import { navigate, paths } from "../../router";
import { percent, reasonLabel } from "./LeadDuplicates";
import { emptyLeadValues, LeadFieldInputs } from "./LeadFieldInputs";
import { LEAD_FIELDS, type LeadFieldName, validateLeadFields } from "./lead-fields";

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

/**
 * The new-lead form (seeds 002/003). The server is asked first without a
 * resolution: when the lead looks like one that exists, nothing is created
 * and the matches come back, and the rep chooses to merge or keep both.
 */
export function NewLeadPage() {
  const id = useId();
  const toast = useToast();
  const [values, setValues] = useState(emptyLeadValues);
  const [source, setSource] = useState<LeadSource>("MANUAL");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [matches, setMatches] = useState<Matches | null>(null);
  const [create, { loading }] = useMutation(CreateLead);

  function input(): CreateLeadInput {
    const out: CreateLeadInput = { name: values.name.trim(), source };
    for (const field of LEAD_FIELDS) {
      const value = values[field.name].trim();
      if (value && field.name !== "name") (out as Record<LeadFieldName, string>)[field.name] = value;
    }
    return out;
  }

  async function send(onDuplicate?: DuplicateResolution) {
    try {
      const { data } = await create({ variables: { input: input(), onDuplicate } });
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
      setErrors(fields);
      if (Object.keys(fields).length === 0) toast.show(describeError(error as Error), "danger");
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local = validateLeadFields(values, true);
    setErrors(local);
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
          </div>
          <LeadFieldInputs
            values={values}
            errors={errors}
            required={["name"]}
            onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
          />
          <div className="form-actions">
            <Button onClick={() => navigate(paths.inbox())}>Cancel</Button>
            <Button variant="primary" type="submit" disabled={loading}>
              {loading ? "Creating…" : "Create lead"}
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
