import { type FragmentType, graphql, useFragment } from "../../gql";
import type { LeadOrder, LeadOrderField, ScoreBand } from "../../gql/graphql";
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

/** The rows the viewer picked for a bulk action. */
export interface LeadSelection {
  selected: ReadonlySet<string>;
  onChange: (selected: ReadonlySet<string>) => void;
}

/** A column header that sorts: the first click sorts descending (newest, highest), the next ascending. */
function SortHeader(props: {
  field: LeadOrderField;
  label: string;
  order: LeadOrder;
  onOrder: (order: LeadOrder) => void;
  column?: string;
}) {
  const active = props.order.field === props.field;
  const direction = active ? props.order.direction : null;
  return (
    <th
      scope="col"
      data-column={props.column}
      aria-sort={direction === "ASC" ? "ascending" : direction === "DESC" ? "descending" : "none"}
    >
      <button
        type="button"
        className="lead-table__sort"
        onClick={() =>
          props.onOrder({ field: props.field, direction: active && direction === "DESC" ? "ASC" : "DESC" })
        }
      >
        {props.label}
        <span aria-hidden="true" className="lead-table__sort-mark">
          {direction === "ASC" ? "▲" : direction === "DESC" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}

export function LeadTable(props: {
  leads: ReadonlyArray<FragmentType<typeof LeadTableFragment>>;
  order: LeadOrder;
  onOrder: (order: LeadOrder) => void;
  selection?: LeadSelection;
}) {
  const leads = useFragment(LeadTableFragment, props.leads);
  const { selection } = props;
  const allSelected = selection !== undefined && leads.length > 0 && leads.every((l) => selection.selected.has(l.id));
  const toggle = (id: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    selection.onChange(next);
  };
  return (
    <div className="table-wrap">
      <table className="lead-table">
        <thead>
          <tr>
            {selection && (
              <th scope="col" data-column="select">
                <input
                  type="checkbox"
                  aria-label="Select all leads shown"
                  checked={allSelected}
                  onChange={() => selection.onChange(allSelected ? new Set() : new Set(leads.map((l) => l.id)))}
                />
              </th>
            )}
            <SortHeader field="REQUEST_ID" label="#" column="requestId" order={props.order} onOrder={props.onOrder} />
            <th scope="col">Name</th>
            <th scope="col">Company</th>
            <th scope="col">Stage</th>
            <th scope="col">Owner</th>
            <SortHeader field="SCORE" label="Score" order={props.order} onOrder={props.onOrder} />
            <SortHeader field="CREATED_AT" label="Created" order={props.order} onOrder={props.onOrder} />
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => {
            const createdAt = new Date(lead.createdAt);
            const selected = selection?.selected.has(lead.id) ?? false;
            return (
              <tr key={lead.id} aria-selected={selection ? selected : undefined}>
                {selection && (
                  <td data-column="select">
                    <input
                      type="checkbox"
                      aria-label={`Select #${lead.requestId} ${lead.name}`}
                      checked={selected}
                      onChange={() => toggle(lead.id)}
                    />
                  </td>
                )}
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
