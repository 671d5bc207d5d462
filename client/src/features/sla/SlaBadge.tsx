import { Badge, type BadgeTone } from "../../components/Badge";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { SlaState } from "../../gql/graphql";
import { SLA_LABELS } from "../../labels";
import { formatDuration, useTicking } from "./clock";

export const SlaBadgeFragment = graphql(`
  fragment SlaBadge_lead on Lead {
    id
    sla {
      state
      firstResponseDueAt
      atRiskAt
      firstResponseAt
    }
  }
`);

const TONES: Record<SlaState, BadgeTone> = {
  NONE: "neutral",
  ON_TRACK: "success",
  AT_RISK: "warning",
  BREACHED: "danger",
  MET: "neutral",
  PAUSED: "neutral",
};

/**
 * The first-response SLA: the state is the server's (flipped live by
 * `slaTimer` ticks written into the cache); the time left counts down here.
 */
export function SlaBadge(props: { lead: FragmentType<typeof SlaBadgeFragment>; compact?: boolean }) {
  const { sla } = useFragment(SlaBadgeFragment, props.lead);
  const dueAt = sla.firstResponseDueAt ? Date.parse(sla.firstResponseDueAt) : null;
  const counting = dueAt !== null && (sla.state === "ON_TRACK" || sla.state === "AT_RISK" || sla.state === "BREACHED");
  const overdue = sla.state === "BREACHED";
  const time = useTicking(
    (now) => (counting && dueAt !== null ? formatDuration(overdue ? now - dueAt : dueAt - now) : null),
    counting,
  );

  if (sla.state === "NONE") return null;
  const words = SLA_LABELS[sla.state];
  const label =
    time === null
      ? words
      : sla.state === "BREACHED"
        ? `${words} ${time}`
        : sla.state === "AT_RISK"
          ? `${words} · ${time} left`
          : props.compact
            ? time
            : `Reply in ${time}`;
  return (
    <Badge
      tone={TONES[sla.state]}
      className="sla-badge"
      data-sla-state={sla.state}
      title={`First response: ${words.toLowerCase()}${dueAt ? `, due ${new Date(dueAt).toLocaleString()}` : ""}`}
    >
      {label}
    </Badge>
  );
}
