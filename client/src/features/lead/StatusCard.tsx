import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { fieldErrorsOf } from "../../components/ErrorMessage";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { MessageChannel, ReviewRequestStatus, StatusCard_LeadFragment } from "../../gql/graphql";
import { useViewerAccess } from "../auth/useViewer";
import { stageMoveRefusal } from "../board/stage-moves";
import { useLeadAction } from "./useLeadAction";
import { workRefusal } from "./work-refusal";

const StatusCardFragment = graphql(`
  fragment StatusCard_lead on Lead {
    id
    version
    readOnly
    viewerMayWork
    email
    phone
    outcome
    reviewRequestStatus
    owner {
      id
    }
    claimedBy {
      id
      name
    }
    queue {
      id
      name
    }
    stage {
      key
      label
      category
      transitions
      conversionOnly
    }
    pipelineStages {
      key
      label
      category
      transitions
      conversionOnly
    }
  }
`);

// Each answer carries the card's fragment (and the owner a route picks), so the page shows the change at once.
const MoveFromStatusCard = graphql(`
  mutation MoveFromStatusCard($id: ID!, $toStatus: String!, $expectedVersion: Int) {
    moveLead(id: $id, toStatus: $toStatus, expectedVersion: $expectedVersion) {
      id
      version
      status
      ...StatusCard_lead
    }
  }
`);
const SetOutcome = graphql(`
  mutation SetOutcome($id: ID!, $outcome: String, $expectedVersion: Int) {
    updateLead(id: $id, input: { outcome: $outcome }, expectedVersion: $expectedVersion) {
      id
      version
      ...StatusCard_lead
    }
  }
`);
const RequestReview = graphql(`
  mutation RequestReview($id: ID!, $channel: MessageChannel!) {
    requestReview(id: $id, channel: $channel) {
      id
      version
      ...StatusCard_lead
    }
  }
`);
const RouteLead = graphql(`
  mutation RouteLead($id: ID!, $queueId: ID) {
    routeLead(id: $id, queueId: $queueId) {
      id
      version
      ...StatusCard_lead
      ...OwnershipCard_lead
    }
  }
`);
const QueuesQuery = graphql(`
  query RouteQueues {
    queues {
      id
      name
    }
  }
`);

const REVIEW_WORDS: Record<ReviewRequestStatus, string> = {
  NOT_ELIGIBLE: "Not yet",
  ELIGIBLE: "Ready to ask",
  SENT: "Asked, waiting for the customer",
  COMPLETED: "Reviewed",
};

/** A control's label, the control, and why it is disabled (tied to it), in one block. */
function Control(props: { reasonId: string; reason: string | null; children: ReactNode }) {
  return (
    <div className="stack-form">
      {props.children}
      {props.reason && (
        <p className="muted field__hint control-reason" id={props.reasonId}>
          {props.reason}
        </p>
      )}
    </div>
  );
}

/**
 * The lead's status and what moves it on (seeds 001, 003, 004): a status menu
 * with only the moves its pipeline allows from here, the outcome, a review
 * request and a route to a queue. A control the viewer may not use stays in
 * view, disabled, with the reason beside it; the server refuses it anyway.
 */
export function StatusCard(props: { lead: FragmentType<typeof StatusCardFragment> }) {
  const lead = useFragment(StatusCardFragment, props.lead);
  const viewer = useViewerAccess();
  const id = useId();
  const act = useLeadAction();
  const notWorkable = workRefusal(lead, viewer);
  const moves = lead.pipelineStages.filter((s) => s.key !== lead.stage.key && !stageMoveRefusal(lead.stage, s));
  // A WON stage the lead may reach by converting: said, not offered (the Conversion card does it).
  const byConversion = lead.pipelineStages.filter((s) => s.conversionOnly && lead.stage.transitions.includes(s.key));
  const [toStatus, setToStatus] = useState("");
  const [move, moving] = useMutation(MoveFromStatusCard);
  const chosen = moves.some((s) => s.key === toStatus) ? toStatus : "";

  const moveReason =
    notWorkable ?? (moves.length === 0 ? `${lead.stage.label} has no next stage in this pipeline.` : null);

  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lead-section__title">
        Status
      </h2>
      <p className="lead-section__value" data-testid="lead-status">
        {lead.stage.label}
        {lead.outcome && <span className="muted"> · {lead.outcome}</span>}
      </p>
      <Control reasonId={`${id}-move-reason`} reason={moveReason}>
        <div className="field">
          <label htmlFor={`${id}-move`}>Move to</label>
          <div className="control-row">
            <select
              id={`${id}-move`}
              value={chosen}
              disabled={moveReason !== null}
              aria-describedby={moveReason ? `${id}-move-reason` : undefined}
              onChange={(e) => setToStatus(e.target.value)}
            >
              <option value="">Choose a stage…</option>
              {moves.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </select>
            <Button
              size="sm"
              variant="primary"
              disabled={moveReason !== null || !chosen || moving.loading}
              onClick={() =>
                act(
                  async () => {
                    await move({ variables: { id: lead.id, toStatus: chosen, expectedVersion: lead.version } });
                    setToStatus("");
                  },
                  `Moved to ${moves.find((s) => s.key === chosen)?.label ?? chosen}`,
                )
              }
            >
              Move
            </Button>
          </div>
        </div>
        {!notWorkable && byConversion.length > 0 && (
          <p className="muted field__hint control-reason">
            {byConversion.map((s) => s.label).join(", ")}: reached by converting the lead (Conversion, below).
          </p>
        )}
      </Control>
      <OutcomeForm lead={lead} reason={notWorkable} />
      <ReviewRequest lead={lead} reason={notWorkable} />
      <RouteToQueue lead={lead} readOnly={lead.readOnly} mayRoute={viewer.permissions.manage} />
    </Card>
  );
}

type StatusLead = StatusCard_LeadFragment;

/** Seed 001's outcome: the real result of the job, in the rep's words. */
function OutcomeForm(props: { lead: StatusLead; reason: string | null }) {
  const { lead, reason } = props;
  const id = useId();
  const act = useLeadAction();
  const [outcome, setOutcome] = useState(lead.outcome ?? "");
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SetOutcome);
  const unchanged = outcome.trim() === (lead.outcome ?? "");

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    try {
      await save({ variables: { id: lead.id, outcome: outcome.trim() || null, expectedVersion: lead.version } });
      setError(null);
    } catch (refused) {
      const fields = fieldErrorsOf(refused as Error);
      setError(fields.outcome ?? null);
      if (!fields.outcome) await act(() => Promise.reject(refused));
    }
  }

  const describedBy = [error && `${id}-error`, reason && `${id}-reason`].filter(Boolean).join(" ") || undefined;
  return (
    <form className="stack-form" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <div className="control-row">
          <input
            id={`${id}-outcome`}
            value={outcome}
            placeholder="e.g. Job done"
            disabled={reason !== null}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => setOutcome(e.target.value)}
          />
          <Button size="sm" type="submit" disabled={reason !== null || unchanged || saving.loading}>
            Set outcome
          </Button>
        </div>
        {error && (
          <span className="field__error" id={`${id}-error`}>
            {error}
          </span>
        )}
        {reason && (
          <span className="muted field__hint" id={`${id}-reason`}>
            {reason}
          </span>
        )}
      </div>
    </form>
  );
}

/** Seed 001's review momentum: ask a won lead's customer for a review, by email or SMS. */
function ReviewRequest(props: { lead: StatusLead; reason: string | null }) {
  const { lead } = props;
  const id = useId();
  const act = useLeadAction();
  const [channel, setChannel] = useState<MessageChannel>(lead.email || !lead.phone ? "EMAIL" : "SMS");
  const [request, requesting] = useMutation(RequestReview);
  const status = lead.reviewRequestStatus;
  const reason =
    props.reason ??
    (status === "NOT_ELIGIBLE"
      ? "Only a won lead can be asked for a review."
      : status === "COMPLETED"
        ? "The customer has already left their review."
        : channel === "EMAIL" && !lead.email
          ? "The lead has no email address."
          : channel === "SMS" && !lead.phone
            ? "The lead has no phone number."
            : null);
  return (
    <Control reasonId={`${id}-reason`} reason={reason}>
      <p className="lead-section__value">
        <span className="muted">Review: </span>
        <span data-testid="review-status">{REVIEW_WORDS[status]}</span>
      </p>
      <div className="field">
        <label htmlFor={`${id}-channel`}>Ask for a review by</label>
        <div className="control-row">
          <select
            id={`${id}-channel`}
            value={channel}
            disabled={props.reason !== null || status === "NOT_ELIGIBLE" || status === "COMPLETED"}
            onChange={(e) => setChannel(e.target.value as MessageChannel)}
          >
            <option value="EMAIL">Email</option>
            <option value="SMS">SMS</option>
          </select>
          <Button
            size="sm"
            disabled={reason !== null || requesting.loading}
            aria-describedby={reason ? `${id}-reason` : undefined}
            onClick={() => act(() => request({ variables: { id: lead.id, channel } }), "Review requested")}
          >
            {status === "SENT" ? "Ask again" : "Request review"}
          </Button>
        </div>
      </div>
    </Control>
  );
}

/** Seed 004's routing: a manager sends the lead to a queue, whose next member becomes its owner. */
function RouteToQueue(props: { lead: StatusLead; readOnly: boolean; mayRoute: boolean }) {
  const { lead } = props;
  const id = useId();
  const act = useLeadAction();
  const [queueId, setQueueId] = useState("");
  const [route, routing] = useMutation(RouteLead);
  // Only managers route, so only they ask for the queues.
  const { data } = useQuery(QueuesQuery, { skip: !props.mayRoute || props.readOnly });
  const queues = data?.queues ?? [];
  const reason = props.readOnly
    ? "Converted leads no longer change."
    : !props.mayRoute
      ? "Only managers route leads to a queue."
      : data && queues.length === 0
        ? "No queues yet: an admin sets them up."
        : null;
  const chosen = queues.find((q) => q.id === queueId);
  return (
    <Control reasonId={`${id}-reason`} reason={reason}>
      <p className="lead-section__value">
        <span className="muted">Queue: </span>
        <span data-testid="lead-queue">{lead.queue?.name ?? "None"}</span>
      </p>
      <div className="field">
        <label htmlFor={`${id}-queue`}>Route to queue</label>
        <div className="control-row">
          <select
            id={`${id}-queue`}
            value={chosen?.id ?? ""}
            disabled={reason !== null}
            aria-describedby={reason ? `${id}-reason` : undefined}
            onChange={(e) => setQueueId(e.target.value)}
          >
            <option value="">Choose a queue…</option>
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
          <Button
            size="sm"
            disabled={reason !== null || !chosen || routing.loading}
            aria-describedby={reason ? `${id}-reason` : undefined}
            onClick={() =>
              chosen &&
              act(async () => {
                await route({ variables: { id: lead.id, queueId: chosen.id } });
                setQueueId("");
              }, `Routed to ${chosen.name}`)
            }
          >
            Route
          </Button>
        </div>
      </div>
    </Control>
  );
}
