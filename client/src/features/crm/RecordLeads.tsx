import { Badge } from "../../components/Badge";
import { Card } from "../../components/Card";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { RecordLeads_LeadFragment } from "../../gql/graphql";
import { STAGE_TONES } from "../../labels";
import { Link, paths } from "../../router";

export const RecordLeadsFragment = graphql(`
  fragment RecordLeads_lead on Lead {
    id
    requestId
    name
    readOnly
    stage {
      key
      label
      category
    }
    owner {
      id
      name
    }
  }
`);

type Lead = RecordLeads_LeadFragment;

function LeadGroup(props: { title: string; leads: readonly Lead[]; empty: string }) {
  return (
    <div className="record-leads__group">
      <h3 className="record-leads__title">
        {props.title} <span className="muted">({props.leads.length})</span>
      </h3>
      {props.leads.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="record-list" aria-label={`${props.title} leads`}>
          {props.leads.map((lead) => (
            <li key={lead.id} className="record-list__item">
              <div>
                <Link to={paths.lead(lead.id)} className="lead-table__name">
                  {lead.name}
                </Link>
                <span className="lead-table__sub">
                  #{lead.requestId} · {lead.owner?.name ?? "Unassigned"}
                </span>
              </div>
              <Badge tone={STAGE_TONES[lead.stage.category]}>{lead.stage.label}</Badge>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A contact's or company's leads the viewer may see: open ones, converted ones, and the rest closed. */
export function RecordLeads(props: { leads: ReadonlyArray<FragmentType<typeof RecordLeadsFragment>> }) {
  const leads = useFragment(RecordLeadsFragment, props.leads);
  const converted = leads.filter((lead) => lead.readOnly);
  const open = leads.filter((lead) => !lead.readOnly && lead.stage.category === "OPEN");
  const closed = leads.filter((lead) => !lead.readOnly && lead.stage.category !== "OPEN");
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby="record-leads-title">
      <h2 id="record-leads-title" className="lead-section__title">
        Leads
      </h2>
      <LeadGroup title="Open" leads={open} empty="No open leads." />
      <LeadGroup title="Converted" leads={converted} empty="None converted yet." />
      {closed.length > 0 && <LeadGroup title="Closed" leads={closed} empty="" />}
    </Card>
  );
}
