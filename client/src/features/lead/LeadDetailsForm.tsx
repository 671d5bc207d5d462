import { useApolloClient, useMutation } from "@apollo/client/react";
import { type FormEvent, useEffect, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { describeError, fieldErrorsOf, reasonOf, refusalInWords } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { UpdateLeadInput } from "../../gql/graphql";
import { LeadFieldInputs, leadValues } from "./LeadFieldInputs";
import { LEAD_FIELDS, type LeadFieldName, validateLeadFields } from "./lead-fields";

// Every field of LEAD_FIELDS (checked below, where the form reads them).
const LeadDetailsFormFragment = graphql(`
  fragment LeadDetailsForm_lead on Lead {
    id
    version
    readOnly
    name
    firstName
    lastName
    middleName
    email
    phone
    jobTitle
    companyName
    companyWebsite
    companyTin
    city
    category
    product
    marketingCampaign
    salesDirection
    contentChannel
    description
  }
`);

// The answer carries every field as the server stored it (normalized), so the form shows them with the new version.
const UpdateLead = graphql(`
  mutation UpdateLead($id: ID!, $input: UpdateLeadInput!, $expectedVersion: Int) {
    updateLead(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      version
      ...LeadDetailsForm_lead
    }
  }
`);

type LeadFields = Record<LeadFieldName, string | null>;

const names = LEAD_FIELDS.map((f) => f.name);

/**
 * Every editable field in one form. Only the fields the rep changed are sent,
 * with the version the form was read at, so a teammate's edit meanwhile is
 * refused (CONFLICT) rather than overwritten.
 */
export function LeadDetailsForm(props: { lead: FragmentType<typeof LeadDetailsFormFragment> }) {
  const lead = useFragment(LeadDetailsFormFragment, props.lead);
  const toast = useToast();
  const [base, setBase] = useState(() => ({ version: lead.version, values: leadValues(lead satisfies LeadFields) }));
  const [values, setValues] = useState(base.values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [update, { loading }] = useMutation(UpdateLead);
  const client = useApolloClient();
  // Set when a save was refused as stale: the next version of the lead that arrives becomes the form's base.
  const [rebase, setRebase] = useState(false);

  const changed = names.filter((name) => values[name] !== base.values[name]);

  useEffect(() => {
    if (!rebase || lead.version <= base.version) return;
    const fresh = leadValues(lead satisfies LeadFields);
    // The rep's edits stay; every field they did not touch shows what the teammate saved.
    setValues((current) => {
      const next = { ...fresh };
      for (const name of names) if (current[name] !== base.values[name]) next[name] = current[name];
      return next;
    });
    setBase({ version: lead.version, values: fresh });
    setRebase(false);
  }, [rebase, lead, base]);
  // A change arrived (a teammate's, a merge, the server's normalizing) while nothing is
  // being edited: show it. Values are compared too, as a new version can reach the
  // cache before the fields that changed with it.
  const server = leadValues(lead satisfies LeadFields);
  if (changed.length === 0 && (lead.version !== base.version || names.some((n) => server[n] !== base.values[n]))) {
    const next = { version: lead.version, values: server };
    setBase(next);
    setValues(server);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const local = validateLeadFields(values, false);
    if (lead.name && !values.name.trim()) local.name = "is required";
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const input: UpdateLeadInput = {};
    for (const name of changed) (input as Record<LeadFieldName, string>)[name] = values[name];
    try {
      const { data } = await update({ variables: { id: lead.id, input, expectedVersion: base.version } });
      setErrors({});
      if (data) setBase({ version: data.updateLead.version, values });
      toast.show("Lead saved");
    } catch (error) {
      const fields = fieldErrorsOf(error as Error);
      setErrors(fields);
      if (Object.keys(fields).length > 0) return;
      const reason = reasonOf(error);
      if (reason === "STALE_VERSION") {
        // Keep what the rep typed; show what the teammate saved, so the next save is against it.
        toast.show(
          "A teammate saved this lead a moment ago. Your edits are kept: check them and save again.",
          "danger",
        );
        // Rebase on the lead as re-read whole: a live update may have brought its new version
        // before the fields that changed with it.
        await client.refetchQueries({ include: "active" });
        setRebase(true);
      } else toast.show(refusalInWords(reason) ?? describeError(error as Error), "danger");
    }
  }

  return (
    <Card className="lead-page__card lead-section">
      <form onSubmit={onSubmit} aria-labelledby="lead-details-title" noValidate>
        <div className="lead-section__head">
          <h2 id="lead-details-title" className="lead-section__title">
            Details
          </h2>
          {!lead.readOnly && (
            <div className="lead-section__actions">
              {changed.length > 0 && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    setValues(base.values);
                    setErrors({});
                  }}
                >
                  Discard
                </Button>
              )}
              <Button size="sm" variant="primary" type="submit" disabled={loading || changed.length === 0}>
                {loading ? "Saving…" : "Save"}
              </Button>
            </div>
          )}
        </div>
        <LeadFieldInputs
          values={values}
          errors={errors}
          disabled={lead.readOnly}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        />
      </form>
    </Card>
  );
}
