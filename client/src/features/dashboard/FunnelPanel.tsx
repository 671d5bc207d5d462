import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { graphql } from "../../gql";
import { axisTick, COLORS, INITIAL_SIZE, tooltipStyle } from "./chart-theme";
import { formatCount } from "./format";
import { ChartFigure, Panel } from "./Panel";
import { usePanelQuery } from "./usePanelQuery";

export const StageFunnelQuery = graphql(`
  query DashboardStageFunnel($from: DateTime, $to: DateTime) {
    stageFunnel(from: $from, to: $to) {
      pipelineName
      created
      steps {
        key
        label
        category
        leads
        reached
      }
    }
  }
`);

/** How far the window's leads got along the default pipeline; lost ones told apart below the bars. */
export function FunnelPanel(props: { from: string; to: string | null }) {
  const { data, ready, busy, error } = usePanelQuery(StageFunnelQuery, props);
  const funnel = data?.stageFunnel;
  const steps = funnel?.steps.filter((s) => s.category !== "LOST") ?? [];
  const lost = funnel?.steps.filter((s) => s.category === "LOST") ?? [];
  return (
    <Panel
      title="Funnel by stage"
      hint={funnel ? `${funnel.pipelineName}: leads that reached each stage` : undefined}
      testId="panel-funnel"
      ready={ready}
      busy={busy}
      error={error}
    >
      <ChartFigure
        label="Leads that reached each stage; the table below has the figures."
        height={Math.max(160, steps.length * 38)}
      >
        <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL_SIZE}>
          <BarChart
            data={steps}
            layout="vertical"
            margin={{ top: 0, right: 48, bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke={COLORS.grid} horizontal={false} />
            <XAxis type="number" tick={axisTick} stroke={COLORS.grid} allowDecimals={false} />
            <YAxis type="category" dataKey="label" tick={axisTick} stroke={COLORS.grid} width={96} />
            <Tooltip {...tooltipStyle} cursor={{ fill: "var(--surface-hover)" }} />
            <Bar dataKey="reached" name="Reached" isAnimationActive={false} radius={[0, 4, 4, 0]}>
              {steps.map((s) => (
                <Cell key={s.key} fill={s.category === "WON" ? COLORS.success : COLORS.accent} />
              ))}
              <LabelList dataKey="reached" position="right" fill="var(--text)" fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
      <table className="dash-table">
        <caption className="visually-hidden">Leads per stage</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Reached</th>
            <th scope="col">There now</th>
          </tr>
        </thead>
        <tbody>
          {[...steps, ...lost].map((s) => (
            <tr key={s.key} data-stage={s.key}>
              <th scope="row">{s.label}</th>
              <td>{s.category === "LOST" ? "–" : formatCount(s.reached)}</td>
              <td>{formatCount(s.leads)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
