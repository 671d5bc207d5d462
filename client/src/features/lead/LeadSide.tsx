import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { describeError, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql } from "../../gql";
import type { NextActionType } from "../../gql/graphql";
import { BAND_LABELS, BAND_TONES } from "../../labels";
import { useViewerAccess } from "../auth/useViewer";
import { AssignableUsersQuery } from "../team/assignable-users";
import type { LeadData } from "./LeadPage";

const ClaimLead = graphql(`
  mutation ClaimLead($id: ID!) {
    claimLead(id: $id) {
      id
      version
      claimExpiresAt
      claimedBy {
        id
        name
      }
    }
  }
`);
const ReleaseLead = graphql(`
  mutation ReleaseLead($id: ID!) {
    releaseLead(id: $id) {
      id
      version
      claimedBy {
        id
        name
      }
    }
  }
`);
const TakeOwnership = graphql(`
  mutation TakeOwnership($id: ID!) {
    takeOwnership(id: $id) {
      id
      version
      owner {
        id
        name
      }
      claimedBy {
        id
        name
      }
    }
  }
`);
const AssignLead = graphql(`
  mutation AssignLead($id: ID!, $ownerId: ID) {
    assignLead(id: $id, ownerId: $ownerId) {
      id
      version
      owner {
        id
        name
      }
      claimedBy {
        id
        name
      }
    }
  }
`);
const SetNextAction = graphql(`
  mutation SetNextAction($id: ID!, $type: NextActionType!, $dueAt: DateTime!, $note: String) {
    setNextAction(id: $id, type: $type, dueAt: $dueAt, note: $note) {
      id
      version
      nextAction {
        type
        dueAt
        note
      }
    }
  }
`);
const ClearNextAction = graphql(`
  mutation ClearNextAction($id: ID!) {
    clearNextAction(id: $id) {
      id
      version
      nextAction {
        type
      }
    }
  }
`);
const RecomputeScore = graphql(`
  mutation RecomputeScore($id: ID!) {
    recomputeScore(id: $id) {
      id
      version
      score
      scoreBand
      scoreHistory {
        score
        band
        reasons
        createdAt
      }
    }
  }
`);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Runs a lead mutation, telling the rep when the server refuses it. */
function useAction() {
  const toast = useToast();
  return async (run: () => Promise<unknown>, done?: string) => {
    try {
      await run();
      if (done) toast.show(done);
    } catch (error) {
      toast.show(describeError(error as Error), "danger");
    }
  };
}

/** A manager's choice of who works the lead next; asks for the list only when shown. */
function AssignPicker(props: {
  ownerId: string | null;
  disabled: boolean;
  onPick: (id: string, name: string) => void;
}) {
  const id = useId();
  const { data } = useQuery(AssignableUsersQuery);
  const people = (data?.assignableUsers ?? []).filter((user) => user.id !== props.ownerId);
  return (
    <div className="field">
      <label htmlFor={id}>Assign to</label>
      <select
        id={id}
        value=""
        disabled={props.disabled || people.length === 0}
        onChange={(event) => {
          const user = people.find((p) => p.id === event.target.value);
          if (user) props.onPick(user.id, user.name);
        }}
      >
        <option value="">Choose a teammate…</option>
        {people.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Owner and claim, with the buttons the viewer's roles and the lead's state allow. */
export function OwnershipCard(props: { lead: LeadData }) {
  const { lead } = props;
  const { id: me, permissions } = useViewerAccess();
  const act = useAction();
  const variables = { id: lead.id };
  const [claim, claiming] = useMutation(ClaimLead, { variables });
  const [release, releasing] = useMutation(ReleaseLead, { variables });
  const [take, taking] = useMutation(TakeOwnership, { variables });
  const [assign, assigning] = useMutation(AssignLead);
  const busy = claiming.loading || releasing.loading || taking.loading || assigning.loading;
  const claimedByMe = lead.claimedBy?.id === me;
  const unowned = !lead.owner;
  const buttons = lead.readOnly
    ? []
    : [
        unowned && !lead.claimedBy && permissions.claim && (
          <Button key="claim" size="sm" variant="primary" onClick={() => act(claim, "Claimed")}>
            Claim
          </Button>
        ),
        lead.claimedBy && (claimedByMe || permissions.manage) && (
          <Button key="take" size="sm" variant="primary" onClick={() => act(take, "You own this lead")}>
            Take ownership
          </Button>
        ),
        lead.claimedBy && (claimedByMe || permissions.manage) && (
          <Button key="release" size="sm" onClick={() => act(release, "Released to the pool")}>
            Release
          </Button>
        ),
        permissions.manage && me && lead.owner?.id !== me && (
          <Button
            key="assign-me"
            size="sm"
            onClick={() => act(() => assign({ variables: { id: lead.id, ownerId: me } }), "Assigned to you")}
          >
            Assign to me
          </Button>
        ),
        permissions.manage && lead.owner && (
          <Button
            key="unassign"
            size="sm"
            variant="ghost"
            onClick={() => act(() => assign({ variables: { id: lead.id, ownerId: null } }), "Back in the pool")}
          >
            Unassign
          </Button>
        ),
      ].filter(Boolean);
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby="lead-owner-title">
      <h2 id="lead-owner-title" className="lead-section__title">
        Owner
      </h2>
      <p className="lead-section__value" data-testid="lead-owner">
        {lead.owner?.name ??
          (lead.claimedBy
            ? `Claimed by ${lead.claimedBy.name}${lead.claimExpiresAt ? ` until ${dateTime.format(new Date(lead.claimExpiresAt))}` : ""}`
            : "Unassigned, in the pool")}
      </p>
      {buttons.length > 0 && (
        <div className="lead-section__actions" aria-busy={busy}>
          {buttons}
        </div>
      )}
      {permissions.manage && !lead.readOnly && (
        <AssignPicker
          ownerId={lead.owner?.id ?? null}
          disabled={busy}
          onPick={(ownerId, name) => act(() => assign({ variables: { id: lead.id, ownerId } }), `Assigned to ${name}`)}
        />
      )}
    </Card>
  );
}

const ACTION_TYPES: { id: NextActionType; label: string }[] = [
  { id: "CALL", label: "Call" },
  { id: "FOLLOW_UP", label: "Follow up" },
  { id: "REPLY", label: "Reply" },
  { id: "REVIEW_REQUEST", label: "Review request" },
];

/** A datetime-local value for an hour from now, in the browser's zone. */
function inAnHour(): string {
  const date = new Date(Date.now() + 3_600_000);
  date.setMinutes(date.getMinutes() - date.getTimezoneOffset(), 0, 0);
  return date.toISOString().slice(0, 16);
}

export function NextActionCard(props: { lead: LeadData }) {
  const { lead } = props;
  const id = useId();
  const act = useAction();
  const [type, setType] = useState<NextActionType>("CALL");
  const [dueAt, setDueAt] = useState(inAnHour);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [setAction, setting] = useMutation(SetNextAction);
  const [clearAction, clearing] = useMutation(ClearNextAction, { variables: { id: lead.id } });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const due = new Date(dueAt);
    if (Number.isNaN(due.getTime())) {
      setErrors({ dueAt: "is not a valid date" });
      return;
    }
    try {
      await setAction({ variables: { id: lead.id, type, dueAt: due.toISOString(), note: note.trim() || null } });
      setErrors({});
      setNote("");
    } catch (error) {
      const fields = fieldErrorsOf(error as Error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) await act(() => Promise.reject(error));
    }
  }

  const current = lead.nextAction;
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lead-section__title">
        Next action
      </h2>
      <p className="lead-section__value">
        {current
          ? `${ACTION_TYPES.find((t) => t.id === current.type)?.label ?? current.type} · ${dateTime.format(new Date(current.dueAt))}${current.note ? ` · ${current.note}` : ""}`
          : "None scheduled"}
      </p>
      {!lead.readOnly && (
        <form className="stack-form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor={`${id}-type`}>Type</label>
            <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as NextActionType)}>
              {ACTION_TYPES.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>Due</label>
            <input
              id={`${id}-due`}
              type="datetime-local"
              value={dueAt}
              aria-invalid={errors.dueAt ? true : undefined}
              onChange={(e) => setDueAt(e.target.value)}
            />
            {errors.dueAt && <span className="field__error">{errors.dueAt}</span>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>Note</label>
            <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
            {errors.note && <span className="field__error">{errors.note}</span>}
          </div>
          <div className="lead-section__actions">
            <Button size="sm" variant="primary" type="submit" disabled={setting.loading}>
              {current ? "Reschedule" : "Schedule"}
            </Button>
            {current && (
              <Button size="sm" variant="ghost" disabled={clearing.loading} onClick={() => act(clearAction, "Cleared")}>
                Clear
              </Button>
            )}
          </div>
        </form>
      )}
    </Card>
  );
}

interface ScoreReason {
  rule: string;
  points: number;
  detail?: string;
}

function reasonsOf(value: unknown): ScoreReason[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is ScoreReason => typeof r === "object" && r !== null && typeof (r as ScoreReason).rule === "string",
  );
}

/** The score over time as a small line (oldest left), 0–100 on the vertical. */
function ScoreChart(props: { points: readonly { score: number; createdAt: string }[] }) {
  const width = 240;
  const height = 64;
  const pts = [...props.points].reverse();
  if (pts.length < 2) return null;
  const x = (i: number) => (i / (pts.length - 1)) * (width - 8) + 4;
  const y = (score: number) => height - 4 - (score / 100) * (height - 8);
  const line = pts.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const first = pts[0];
  const last = pts.at(-1);
  return (
    <svg
      className="score-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Score history: ${first?.score} to ${last?.score} over ${pts.length} snapshots`}
    >
      <line x1="4" x2={width - 4} y1={y(50)} y2={y(50)} className="score-chart__grid" />
      <polyline points={line} className="score-chart__line" />
      {last && <circle cx={x(pts.length - 1)} cy={y(last.score)} r="3" className="score-chart__dot" />}
    </svg>
  );
}

export function ScoreCard(props: { lead: LeadData }) {
  const { lead } = props;
  const act = useAction();
  const [recompute, { loading }] = useMutation(RecomputeScore, { variables: { id: lead.id } });
  const latest = lead.scoreHistory[0];
  const reasons = reasonsOf(latest?.reasons);
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby="lead-score-title">
      <div className="lead-section__head">
        <h2 id="lead-score-title" className="lead-section__title">
          Score
        </h2>
        <Badge tone={BAND_TONES[lead.scoreBand]}>
          {BAND_LABELS[lead.scoreBand]} · {lead.score}
        </Badge>
      </div>
      <ScoreChart points={lead.scoreHistory} />
      {reasons.length > 0 ? (
        <ul className="score-reasons">
          {reasons.map((r, i) => (
            // Reasons have no id; their order within one snapshot is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>
              <span>{r.detail ?? r.rule}</span>
              <span className={r.points < 0 ? "score-reasons__neg" : "score-reasons__pos"}>
                {r.points > 0 ? "+" : ""}
                {r.points}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          {latest
            ? "The latest recompute found no scoring signals."
            : "No score snapshot yet: recompute to record one."}
        </p>
      )}
      {!lead.readOnly && (
        <div className="lead-section__actions">
          <Button size="sm" disabled={loading} onClick={() => act(recompute, "Score recomputed")}>
            Recompute
          </Button>
        </div>
      )}
    </Card>
  );
}

const ATTRIBUTION_LABELS = {
  utmSource: "UTM source",
  utmMedium: "UTM medium",
  utmCampaign: "UTM campaign",
  utmTerm: "UTM term",
  utmContent: "UTM content",
  sourceUrl: "Source URL",
  referrer: "Referrer",
} as const;

export function AttributionCard(props: { lead: LeadData }) {
  const attribution = props.lead.attribution;
  const rows = attribution
    ? (Object.keys(ATTRIBUTION_LABELS) as (keyof typeof ATTRIBUTION_LABELS)[]).filter((k) => attribution[k])
    : [];
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby="lead-attribution-title">
      <h2 id="lead-attribution-title" className="lead-section__title">
        Attribution
      </h2>
      {attribution && (rows.length > 0 || attribution.firstTouchAt) ? (
        <dl className="kv">
          {rows.map((k) => (
            <div key={k}>
              <dt>{ATTRIBUTION_LABELS[k]}</dt>
              <dd>{attribution[k]}</dd>
            </div>
          ))}
          {attribution.firstTouchAt && (
            <div>
              <dt>First touch</dt>
              <dd>{dateTime.format(new Date(attribution.firstTouchAt))}</dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted">No attribution recorded.</p>
      )}
    </Card>
  );
}
