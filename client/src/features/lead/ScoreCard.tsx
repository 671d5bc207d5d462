import { useMutation } from "@apollo/client/react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { type FragmentType, graphql, useFragment } from "../../gql";
import { BAND_LABELS, BAND_TONES } from "../../labels";
import { useLeadAction } from "./useLeadAction";

const ScoreCardFragment = graphql(`
  fragment ScoreCard_lead on Lead {
    id
    readOnly
    score
    scoreBand
    scoreHistory {
      score
      band
      reasons
      createdAt
    }
  }
`);

// The answer carries the card's fragment: the page's header badge reads the same score and band.
const RecomputeScore = graphql(`
  mutation RecomputeScore($id: ID!) {
    recomputeScore(id: $id) {
      id
      version
      ...ScoreCard_lead
    }
  }
`);

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

/** The score, its history and the latest snapshot's reasons; recomputing records a new snapshot. */
export function ScoreCard(props: { lead: FragmentType<typeof ScoreCardFragment> }) {
  const lead = useFragment(ScoreCardFragment, props.lead);
  const act = useLeadAction();
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
