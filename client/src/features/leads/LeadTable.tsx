import { type FragmentType, graphql, useFragment } from "../../gql";
import type { ScoreBand } from "../../gql/graphql";
import { Link, paths } from "../../router";

export const LeadTableFragment = graphql(`
  fragment LeadTable_lead on Lead {
    id
    requestId
    name
    email
    companyName
    stage {
      key
      label
      category
    }
    owner {
      id
      name
    }
    score
    scoreBand
    createdAt
  }
`);

const BAND_LABELS: Record<ScoreBand, string> = { CHAMPION: "Champion", HOT: "Hot", WARM: "Warm", COLD: "Cold" };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

export function LeadTable(props: { leads: ReadonlyArray<FragmentType<typeof LeadTableFragment>> }) {
  const leads = useFragment(LeadTableFragment, props.leads);
  return (
    <div className="table-wrap">
      <table className="lead-table">
        <thead>
          <tr>
            <th scope="col" data-column="requestId">
              #
            </th>
            <th scope="col">Name</th>
            <th scope="col">Company</th>
            <th scope="col">Stage</th>
            <th scope="col">Owner</th>
            <th scope="col">Score</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => {
            const createdAt = new Date(lead.createdAt);
            return (
              <tr key={lead.id}>
                <td data-column="requestId">#{lead.requestId}</td>
                <td data-column="name">
                  <Link to={paths.lead(lead.id)} className="lead-table__name">
                    {lead.name}
                  </Link>
                  {lead.email && <span className="lead-table__sub">{lead.email}</span>}
                </td>
                <td data-column="company">{lead.companyName ?? <span className="muted">—</span>}</td>
                <td data-column="stage">
                  <span className={`badge badge--${lead.stage.category.toLowerCase()}`}>{lead.stage.label}</span>
                </td>
                <td data-column="owner">{lead.owner?.name ?? <span className="muted">Unassigned</span>}</td>
                <td data-column="scoreBand">
                  <span className={`band band--${lead.scoreBand.toLowerCase()}`} title={`Score ${lead.score} of 100`}>
                    {BAND_LABELS[lead.scoreBand]}
                  </span>
                  <span className="lead-table__score">{lead.score}</span>
                </td>
                <td data-column="createdAt">
                  <time dateTime={lead.createdAt} title={dateTimeFormat.format(createdAt)}>
                    {dateFormat.format(createdAt)}
                  </time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
