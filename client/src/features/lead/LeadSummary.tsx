import type { ReactNode } from "react";
import { Badge } from "../../components/Badge";
import { Card } from "../../components/Card";
import { type FragmentType, graphql, useFragment } from "../../gql";
import { BAND_LABELS, BAND_TONES, SOURCE_LABELS, STAGE_TONES } from "../../labels";
import { SlaBadge } from "../sla/SlaBadge";

export const LeadSummaryFragment = graphql(`
  fragment LeadSummary_lead on Lead {
    id
    requestId
    name
    email
    phone
    jobTitle
    companyName
    companyWebsite
    city
    source
    score
    scoreBand
    readOnly
    version
    createdAt
    updatedAt
    description
    stage {
      key
      label
      category
    }
    owner {
      id
      name
    }
    claimedBy {
      id
      name
    }
    nextAction {
      type
      dueAt
      note
    }
    ...SlaBadge_lead
  }
`);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function Field(props: { label: string; children: ReactNode }) {
  return (
    <div className="fields__item">
      <dt>{props.label}</dt>
      <dd>{props.children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

/** The lead's main fields, read-only. */
export function LeadSummary(props: { lead: FragmentType<typeof LeadSummaryFragment> }) {
  const lead = useFragment(LeadSummaryFragment, props.lead);
  return (
    <article className="lead-page">
      <header className="lead-page__header">
        <div>
          <p className="muted">#{lead.requestId}</p>
          <h1 className="page-title">{lead.name}</h1>
          {lead.companyName && <p className="muted">{lead.companyName}</p>}
        </div>
        <div className="lead-page__badges">
          <Badge tone={STAGE_TONES[lead.stage.category]}>{lead.stage.label}</Badge>
          <Badge tone={BAND_TONES[lead.scoreBand]} title={`Score ${lead.score} of 100`}>
            {BAND_LABELS[lead.scoreBand]} · {lead.score}
          </Badge>
          <SlaBadge lead={lead} />
          {lead.readOnly && <Badge tone="neutral">Converted · read-only</Badge>}
        </div>
      </header>
      <Card className="lead-page__card">
        <dl className="fields">
          <Field label="Email">{lead.email}</Field>
          <Field label="Phone">{lead.phone}</Field>
          <Field label="Job title">{lead.jobTitle}</Field>
          <Field label="Company">{lead.companyName}</Field>
          <Field label="Website">{lead.companyWebsite}</Field>
          <Field label="City">{lead.city}</Field>
          <Field label="Source">{SOURCE_LABELS[lead.source]}</Field>
          <Field label="Owner">
            {lead.owner?.name ?? (lead.claimedBy ? `Claimed by ${lead.claimedBy.name}` : "Unassigned")}
          </Field>
          <Field label="Next action">
            {lead.nextAction &&
              `${lead.nextAction.type.replace("_", " ").toLowerCase()} · ${dateTime.format(new Date(lead.nextAction.dueAt))}`}
          </Field>
          <Field label="Created">{dateTime.format(new Date(lead.createdAt))}</Field>
          <Field label="Updated">{dateTime.format(new Date(lead.updatedAt))}</Field>
          <Field label="Description">{lead.description}</Field>
        </dl>
      </Card>
    </article>
  );
}
