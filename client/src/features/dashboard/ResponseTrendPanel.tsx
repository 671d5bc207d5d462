import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { graphql } from "../../gql";
import type { MetricsBucket } from "../../gql/graphql";
import { axisTick, COLORS, INITIAL_SIZE, legendText, tooltipStyle } from "./chart-theme";
import { formatCount, formatDay, formatDuration, formatRate } from "./format";
import { ChartFigure, Panel } from "./Panel";
import { usePanelQuery } from "./usePanelQuery";

export const ResponseTrendQuery = graphql(`
  query DashboardResponseTrend($from: DateTime, $to: DateTime, $bucket: MetricsBucket) {
    responseTrend(from: $from, to: $to, bucket: $bucket) {
      day
      created
      responded
      firstResponseMedianSeconds
      slaDecided
      slaMet
      slaMetRate
    }
  }
`);

/**
 * First-response median (minutes, left) and SLA met rate (%, right) per day, or
 * per week over long spans, over faint bars of the leads created.
 */
export function ResponseTrendPanel(props: { from: string; to: string | null; bucket: MetricsBucket }) {
  const { data, ready, busy, error } = usePanelQuery(ResponseTrendQuery, props);
  const points = (data?.responseTrend ?? []).map((p) => ({
    ...p,
    label: formatDay(p.day),
    medianMinutes: p.firstResponseMedianSeconds == null ? null : Math.round(p.firstResponseMedianSeconds / 6) / 10,
    slaPercent: p.slaMetRate == null ? null : Math.round(p.slaMetRate * 1000) / 10,
  }));
  const per = props.bucket === "DAY" ? "day" : "week";
  return (
    <Panel
      title="First response and SLA"
      hint={`Median time to first response and share of SLAs met, per ${per} of creation; bars: leads created`}
      testId="panel-response-trend"
      ready={ready}
      busy={busy}
      error={error}
      wide
    >
      <ChartFigure
        label={`Median first response in minutes, SLA met rate and leads created per ${per}; the table below has the figures.`}
      >
        <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL_SIZE}>
          <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            <XAxis dataKey="label" tick={axisTick} stroke={COLORS.grid} minTickGap={16} />
            <YAxis yAxisId="min" tick={axisTick} stroke={COLORS.grid} width={44} unit=" m" />
            <YAxis
              yAxisId="sla"
              orientation="right"
              domain={[0, 100]}
              tick={axisTick}
              stroke={COLORS.grid}
              width={44}
              unit="%"
            />
            {/* Leads created, faint behind the lines, on an axis of their own (not drawn). */}
            <YAxis yAxisId="created" hide width={0} allowDecimals={false} />
            <Tooltip {...tooltipStyle} cursor={{ fill: "var(--surface-hover)" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            <Bar
              yAxisId="created"
              dataKey="created"
              name="Leads created"
              fill={COLORS.faint}
              isAnimationActive={false}
              radius={[3, 3, 0, 0]}
            />
            <Line
              yAxisId="min"
              type="monotone"
              dataKey="medianMinutes"
              name="Median first response (min)"
              stroke={COLORS.accent}
              strokeWidth={2}
              dot={points.length <= 31}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              yAxisId="sla"
              type="monotone"
              dataKey="slaPercent"
              name="SLA met (%)"
              stroke={COLORS.success}
              strokeWidth={2}
              dot={points.length <= 31}
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
      {/* A div, not the table, is hidden: a table does not shrink to 1 px and would widen the page. */}
      <div className="visually-hidden">
        <table>
          <caption>First response and SLA per {per}</caption>
          <thead>
            <tr>
              <th scope="col">{per === "day" ? "Day" : "Week of"}</th>
              <th scope="col">Created</th>
              <th scope="col">Median first response</th>
              <th scope="col">SLA met</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row">{p.label}</th>
                <td>{formatCount(p.created)}</td>
                <td>{formatDuration(p.firstResponseMedianSeconds)}</td>
                <td>{formatRate(p.slaMetRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
