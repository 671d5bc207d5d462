import { useMutation } from "@apollo/client/react";
import { FieldErrors, validateDealDraft } from "@leadline/shared";
import { type FormEvent, useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Dialog } from "../../components/Dialog";
import { describeError, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { ConvertLeadInput, ConvertSection_LeadFragment } from "../../gql/graphql";
import { useViewerAccess } from "../auth/useViewer";

const ConvertSectionFragment = graphql(`
  fragment ConvertSection_lead on Lead {
    id
    name
    companyName
    readOnly
    stage {
      category
    }
    duplicates {
      contact {
        id
        firstName
        lastName
        email
      }
    }
  }
`);

const ConvertLead = graphql(`
  mutation ConvertLead($id: ID!, $input: ConvertLeadInput!) {
    convertLead(id: $id, input: $input) {
      # Everything the read-only view shows, so the banner appears whole at once.
      lead {
        id
        version
        readOnly
        convertedAt
        stage {
          key
          label
          category
        }
        ...ConvertedBanner_lead
      }
      contact {
        id
      }
      company {
        id
        name
      }
      deal {
        id
        name
      }
    }
  }
`);

/**
 * The Convert button and its dialog, for those who may convert: an open lead,
 * or a job a move already completed (a WON stage not kept for conversion),
 * which converts where it is. Not a lost one, nor one converted already.
 */
export function ConvertSection(props: { lead: FragmentType<typeof ConvertSectionFragment> }) {
  const lead = useFragment(ConvertSectionFragment, props.lead);
  const { permissions } = useViewerAccess();
  const [open, setOpen] = useState(false);
  if (lead.readOnly || !permissions.convert || lead.stage.category === "LOST") return null;
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby="lead-convert-title">
      <h2 id="lead-convert-title" className="lead-section__title">
        Conversion
      </h2>
      <p className="muted">Turn this lead into a contact, a company and optionally a deal.</p>
      <div className="lead-section__actions">
        <Button variant="primary" size="sm" onClick={() => setOpen(true)}>
          Convert…
        </Button>
      </div>
      {open && <ConvertDialog lead={lead} onClose={() => setOpen(false)} />}
    </Card>
  );
}

interface DealForm {
  createDeal: boolean;
  dealName: string;
  dealStage: string;
  amount: string;
  currency: string;
  probability: string;
  closeDate: string;
}

const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text));

function ConvertDialog(props: { lead: ConvertSection_LeadFragment; onClose: () => void }) {
  const { lead, onClose } = props;
  const id = useId();
  const toast = useToast();
  const [convert, { loading }] = useMutation(ConvertLead);
  const contactMatches = lead.duplicates.flatMap((m) => (m.contact ? [m.contact] : []));
  const [contactId, setContactId] = useState("");
  const [company, setCompany] = useState<"auto" | "none">("auto");
  const [deal, setDeal] = useState<DealForm>({
    createDeal: false,
    dealName: lead.name,
    dealStage: "",
    amount: "",
    currency: "USD",
    probability: "",
    closeDate: "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const dealInput = () => ({
    createDeal: true,
    dealName: deal.dealName.trim() || null,
    dealStage: deal.dealStage.trim() || null,
    amount: numberOrNull(deal.amount),
    currency: deal.currency.trim() ? deal.currency.trim().toUpperCase() : null,
    probability: numberOrNull(deal.probability),
    closeDate: deal.closeDate ? new Date(`${deal.closeDate}T12:00:00Z`).toISOString() : null,
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const input: ConvertLeadInput = {
      ...(contactId ? { contactId } : {}),
      ...(company === "none" ? { createCompany: false } : {}),
    };
    if (deal.createDeal) {
      // The server's own deal rules, so every bad field is named before sending.
      const check = new FieldErrors();
      const draft = dealInput();
      validateDealDraft(draft, lead.name, check);
      if (!check.empty) {
        setErrors(Object.fromEntries(check.list.map((e) => [e.field, e.message])));
        return;
      }
      Object.assign(input, draft);
    }
    try {
      await convert({ variables: { id: lead.id, input } });
      toast.show(`${lead.name} converted`);
      onClose();
    } catch (error) {
      const fields = fieldErrorsOf(error as Error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) toast.show(describeError(error as Error), "danger");
    }
  }

  const dealField = (name: keyof Omit<DealForm, "createDeal">, label: string, type = "text") => (
    <div className="field" key={name}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type={type}
        value={deal[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
        onChange={(e) => setDeal((d) => ({ ...d, [name]: e.target.value }))}
        {...(type === "number" ? { min: 0, step: "any" } : {})}
      />
      {errors[name] && (
        <span className="field__error" id={`${id}-${name}-error`}>
          {errors[name]}
        </span>
      )}
    </div>
  );

  return (
    <Dialog
      open
      title={`Convert ${lead.name}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form={`${id}-form`} disabled={loading}>
            {loading ? "Converting…" : "Convert"}
          </Button>
        </>
      }
    >
      <form id={`${id}-form`} className="stack-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-contact`}>Contact</label>
          <select id={`${id}-contact`} value={contactId} onChange={(e) => setContactId(e.target.value)}>
            <option value="">The lead's contact, a match by email or phone, or a new one</option>
            {contactMatches.map((c) => (
              <option key={c.id} value={c.id}>
                Existing: {[c.firstName, c.lastName].filter(Boolean).join(" ") || c.email}
              </option>
            ))}
          </select>
          {errors.contactId && <span className="field__error">{errors.contactId}</span>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-company`}>Company</label>
          <select id={`${id}-company`} value={company} onChange={(e) => setCompany(e.target.value as "auto" | "none")}>
            <option value="auto">
              {lead.companyName ? `Find or create ${lead.companyName}` : "The lead's company, if any"}
            </option>
            <option value="none">No company</option>
          </select>
          {errors.companyId && <span className="field__error">{errors.companyId}</span>}
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={deal.createDeal}
            onChange={(e) => setDeal((d) => ({ ...d, createDeal: e.target.checked }))}
          />
          Also create a deal
        </label>
        {deal.createDeal && (
          <fieldset className="form-grid form-grid--tight">
            <legend className="visually-hidden">Deal</legend>
            {dealField("dealName", "Deal name")}
            {dealField("dealStage", "Deal stage")}
            {dealField("amount", "Amount", "number")}
            {dealField("currency", "Currency")}
            {dealField("probability", "Probability (%)", "number")}
            {dealField("closeDate", "Close date", "date")}
          </fieldset>
        )}
      </form>
    </Dialog>
  );
}
