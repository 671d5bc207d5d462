import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { graphql } from "../../gql";
import type { ScoreBand } from "../../gql/graphql";
import { BAND_LABELS } from "../../labels";
import { COLORS, tooltipStyle } from "./chart-theme";
import { formatCount, formatRate } from "./format";
import { ChartFigure, Panel } from "./Panel";
import { usePanelQuery } from "./usePanelQuery";

export const ScoreBandsQuery = graphql(`
  query DashboardScoreBands($from: DateTime, $to: DateTime) {
    scoreBands(from: $from, to: $to) {
      band
      leads
      converted
    }
  }
`);

/** The bands' colours, as their badges elsewhere in the app. */
const BAND_COLORS: Record<ScoreBand, string> = {
  CHAMPION: COLORS.violet,
  HOT: COLORS.danger,
  WARM: COLORS.warning,
  COLD: COLORS.info,
};

/** How hot the range's leads are now, with each band's conversion. */
export function ScoreBandsPanel(props: { from: string; to: string | null }) {
  const { data, ready, busy, error } = usePanelQuery(ScoreBandsQuery, props);
  const bands = (data?.scoreBands ?? []).map((b) => ({ ...b, label: BAND_LABELS[b.band] }));
  const total = bands.reduce((n, b) => n + b.leads, 0);
  return (
    <Panel
      title="Score bands"
      hint="Leads created in the range by their score now"
      testId="panel-score-bands"
      ready={ready}
      busy={busy}
      error={error}
    >
      <div className="dash-bands">
        <ChartFigure label="Share of leads per score band; the list beside it has the figures." height={180}>
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 180, height: 180 }}>
            <PieChart accessibilityLayer={false}>
              <Pie
                data={total ? bands : [{ label: "No leads", leads: 1, band: "COLD" }]}
                dataKey="leads"
                nameKey="label"
                innerRadius="55%"
                outerRadius="90%"
                stroke="var(--surface)"
                isAnimationActive={false}
              >
                {(total ? bands : []).map((b) => (
                  <Cell key={b.band} fill={BAND_COLORS[b.band]} />
                ))}
                {!total && <Cell fill={COLORS.grid} />}
              </Pie>
              {total > 0 && <Tooltip {...tooltipStyle} />}
            </PieChart>
          </ResponsiveContainer>
        </ChartFigure>
        <ul className="dash-legend">
          {bands.map((b) => (
            <li key={b.band} data-band={b.band}>
              <span className="dash-legend__swatch" style={{ background: BAND_COLORS[b.band] }} aria-hidden="true" />
              <span className="dash-legend__label">{b.label}</span>
              <span className="dash-legend__value">
                {formatCount(b.leads)} <span className="muted">({formatRate(total ? b.leads / total : null)})</span>
              </span>
              <span className="muted dash-legend__note">
                {formatRate(b.leads ? b.converted / b.leads : null)} converted
              </span>
            </li>
          ))}
        </ul>
      </div>
    </Panel>
  );
}
