import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { graphql } from "../../gql";
import { axisTick, COLORS, INITIAL_SIZE, tooltipStyle } from "./chart-theme";
import { formatCount, formatDuration, formatRate } from "./format";
import { ChartFigure, Panel } from "./Panel";
import { usePanelQuery } from "./usePanelQuery";

export const RepWorkloadQuery = graphql(`
  query DashboardWorkload($from: DateTime, $to: DateTime) {
    repWorkload(from: $from, to: $to) {
      user {
        id
        name
      }
      open
      created
      converted
      firstResponseMedianSeconds
      slaMetRate
    }
  }
`);

/** People in the chart, busiest first; the table lists everyone. */
const CHART_ROWS = 12;

/** Each rep's share of the range's leads: still open (chart), and the rest of their figures (table). */
export function WorkloadPanel(props: { from: string; to: string | null }) {
  const { data, ready, busy, error } = usePanelQuery(RepWorkloadQuery, props);
  const reps = data?.repWorkload ?? [];
  const chart = reps.slice(0, CHART_ROWS).map((r) => ({ name: r.user.name, open: r.open }));
  return (
    <Panel
      title="Workload per rep"
      hint="Leads created in the range that each person owns, and how many are still open"
      testId="panel-workload"
      ready={ready}
      busy={busy}
      error={error}
    >
      <ChartFigure
        label="Leads of the range still open, per person; the table below has the figures."
        height={Math.max(140, chart.length * 30 + 24)}
      >
        <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL_SIZE}>
          <BarChart
            data={chart}
            layout="vertical"
            margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke={COLORS.grid} horizontal={false} />
            <XAxis type="number" tick={axisTick} stroke={COLORS.grid} allowDecimals={false} />
            <YAxis type="category" dataKey="name" tick={axisTick} stroke={COLORS.grid} width={104} />
            <Tooltip {...tooltipStyle} cursor={{ fill: "var(--surface-hover)" }} />
            <Bar
              dataKey="open"
              name="Still open"
              fill={COLORS.violet}
              isAnimationActive={false}
              radius={[0, 3, 3, 0]}
            />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
      <div className="dash-table-scroll">
        <table className="dash-table">
          <caption className="visually-hidden">Workload per rep</caption>
          <thead>
            <tr>
              <th scope="col">Rep</th>
              <th scope="col">Leads</th>
              <th scope="col">Still open</th>
              <th scope="col">Converted</th>
              <th scope="col">First response</th>
              <th scope="col">SLA met</th>
            </tr>
          </thead>
          <tbody>
            {reps.map((r) => (
              <tr key={r.user.id}>
                <th scope="row">{r.user.name}</th>
                <td>{formatCount(r.created)}</td>
                <td>{formatCount(r.open)}</td>
                <td>{formatCount(r.converted)}</td>
                <td>{formatDuration(r.firstResponseMedianSeconds)}</td>
                <td>{formatRate(r.slaMetRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
