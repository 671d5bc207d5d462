import { Badge } from "../../components/Badge";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { NextActionType } from "../../gql/graphql";
import { BAND_LABELS, BAND_TONES, STAGE_TONES } from "../../labels";
import { Link, paths } from "../../router";
import { formatDuration, useTicking } from "../sla/clock";
import { SlaBadge } from "../sla/SlaBadge";

export const InboxRowFragment = graphql(`
  fragment InboxRow_lead on Lead {
    id
    requestId
    name
    companyName
    score
    scoreBand
    updatedAt
    stage {
      key
      label
      category
    }
    owner {
      id
      name
    }
    nextAction {
      type
      dueAt
    }
    awaitingReply
    ...SlaBadge_lead
  }
`);

const ACTION_WORDS: Record<NextActionType, string> = {
  REPLY: "Reply",
  FOLLOW_UP: "Follow up",
  CALL: "Call",
  REVIEW_REQUEST: "Review request",
};

function NextActionLabel(props: { type: NextActionType; dueAt: string }) {
  const due = Date.parse(props.dueAt);
  const text = useTicking((now) =>
    due >= now ? `in ${formatDuration(due - now)}` : `overdue ${formatDuration(now - due)}`,
  );
  return (
    <span className={`inbox-row__action${due < Date.now() ? " is-overdue" : ""}`}>
      {ACTION_WORDS[props.type]} {text}
    </span>
  );
}

/** One lead in the inbox: what it is, its SLA clock and what to do next. */
export function InboxRow(props: { lead: FragmentType<typeof InboxRowFragment>; showOwner: boolean }) {
  const lead = useFragment(InboxRowFragment, props.lead);
  return (
    <div className="inbox-row" data-lead-id={lead.id}>
      <div className="inbox-row__main">
        <Link to={paths.lead(lead.id)} className="inbox-row__name">
          {lead.name}
        </Link>
        <span className="inbox-row__sub">
          #{lead.requestId}
          {lead.companyName && <> · {lead.companyName}</>}
          {props.showOwner && <> · {lead.owner?.name ?? "Unassigned"}</>}
        </span>
      </div>
      <div className="inbox-row__badges">
        {lead.awaitingReply && (
          <Badge tone="warning" title="The person wrote last: their message waits for a reply">
            Replied
          </Badge>
        )}
        <SlaBadge lead={lead} />
        {lead.nextAction && <NextActionLabel type={lead.nextAction.type} dueAt={lead.nextAction.dueAt} />}
        <Badge tone={STAGE_TONES[lead.stage.category]} className="hide-narrow">
          {lead.stage.label}
        </Badge>
        <Badge tone={BAND_TONES[lead.scoreBand]} title={`Score ${lead.score} of 100`}>
          {BAND_LABELS[lead.scoreBand]}
        </Badge>
      </div>
    </div>
  );
}
