import { memo, type ReactNode } from "react";
import { Badge } from "../../components/Badge";
import { type FragmentType, graphql, useFragment } from "../../gql";
import { BAND_LABELS, BAND_TONES } from "../../labels";
import { Link, paths } from "../../router";
import { SlaBadge } from "../sla/SlaBadge";

export const BoardCardFragment = graphql(`
  fragment BoardCard_lead on Lead {
    id
    requestId
    name
    companyName
    version
    readOnly
    score
    scoreBand
    owner {
      id
      name
    }
    claimedBy {
      id
      name
    }
    ...SlaBadge_lead
  }
`);

type CardLead = FragmentType<typeof BoardCardFragment>;

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
}

/** A card's face; the same for the card in its column and the copy that follows the pointer. */
export function BoardCardView(props: { lead: CardLead; dragHandle?: ReactNode; overlay?: boolean }) {
  const lead = useFragment(BoardCardFragment, props.lead);
  const holder = lead.owner ?? lead.claimedBy;
  return (
    <div className={`board-card${props.overlay ? " board-card--overlay" : ""}`} data-lead-id={lead.id}>
      <div className="board-card__top">
        <Link to={paths.lead(lead.id)} className="board-card__name">
          {lead.name}
        </Link>
        {props.dragHandle}
      </div>
      <div className="board-card__company">{lead.companyName ?? <span className="muted">No company</span>}</div>
      <div className="board-card__meta">
        <Badge tone={BAND_TONES[lead.scoreBand]} title={`Score ${lead.score} of 100`}>
          {BAND_LABELS[lead.scoreBand]} {lead.score}
        </Badge>
        <SlaBadge lead={lead} compact />
        <span
          className={`avatar${holder ? "" : " avatar--empty"}`}
          title={
            lead.owner
              ? `Owner: ${lead.owner.name}`
              : lead.claimedBy
                ? `Claimed by ${lead.claimedBy.name}`
                : "Unassigned"
          }
        >
          {holder ? initials(holder.name) : "–"}
          <span className="visually-hidden">
            {lead.owner
              ? `Owner ${lead.owner.name}`
              : lead.claimedBy
                ? `Claimed by ${lead.claimedBy.name}`
                : "Unassigned"}
          </span>
        </span>
      </div>
    </div>
  );
}

/**
 * A card in its column: plain markup, so a board of hundreds mounts quickly. Its handle is
 * bound to dnd-kit only when pressed (the board's drag source); until then it carries the
 * same description a draggable gets.
 */
export const BoardCard = memo(function BoardCard(props: {
  lead: CardLead;
  /** This card is the one being dragged: its place in the column is shown faded. */
  dragging: boolean;
  /** The id of the drag instructions for screen readers. */
  describedBy: string;
}) {
  const { id, name } = useFragment(BoardCardFragment, props.lead);
  return (
    <li className={`board-column__item${props.dragging ? " is-dragging" : ""}`} data-card-id={id}>
      <BoardCardView
        lead={props.lead}
        dragHandle={
          <button
            type="button"
            className="drag-handle"
            data-drag-handle={id}
            aria-roledescription="draggable"
            aria-describedby={props.describedBy}
            aria-pressed={props.dragging || undefined}
            aria-label={`Move ${name}`}
          >
            <svg viewBox="0 0 12 16" width="12" height="16" aria-hidden="true">
              <circle cx="3" cy="3" r="1.4" />
              <circle cx="9" cy="3" r="1.4" />
              <circle cx="3" cy="8" r="1.4" />
              <circle cx="9" cy="8" r="1.4" />
              <circle cx="3" cy="13" r="1.4" />
              <circle cx="9" cy="13" r="1.4" />
            </svg>
          </button>
        }
      />
    </li>
  );
});
