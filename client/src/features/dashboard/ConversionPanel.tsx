import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { graphql } from "../../gql";
import { SOURCE_LABELS } from "../../labels";
import { axisTick, COLORS, INITIAL_SIZE, legendText, tooltipStyle } from "./chart-theme";
import { formatCount, formatRate } from "./format";
import { ChartFigure, Panel } from "./Panel";
import { usePanelQuery } from "./usePanelQuery";

export const ConversionBySourceQuery = graphql(`
  query DashboardConversion($from: DateTime, $to: DateTime) {
    conversionBySource(from: $from, to: $to) {
      sources {
        source
        created
        converted
        conversionRate
      }
      campaigns {
        campaign
        created
        converted
        conversionRate
      }
    }
  }
`);

/** Campaign rows shown; the server sends the 20 largest. */
const CAMPAIGN_ROWS = 8;

/** Created and converted per source (chart), and the largest campaigns with their rates (table). */
export function ConversionPanel(props: { from: string; to: string | null }) {
  const { data, ready, busy, error } = usePanelQuery(ConversionBySourceQuery, props);
  const sources = (data?.conversionBySource.sources ?? []).map((s) => ({ ...s, label: SOURCE_LABELS[s.source] }));
  const campaigns = (data?.conversionBySource.campaigns ?? []).slice(0, CAMPAIGN_ROWS);
  return (
    <Panel
      title="Conversion by source and campaign"
      hint="Leads created in the range and how many converted"
      testId="panel-conversion"
      ready={ready}
      busy={busy}
      error={error}
    >
      <ChartFigure
        label="Created and converted leads per source; the tables below have the figures."
        height={Math.max(160, sources.length * 34 + 40)}
      >
        <ResponsiveContainer width="100%" height="100%" initialDimension={INITIAL_SIZE}>
          <BarChart
            data={sources}
            layout="vertical"
            margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke={COLORS.grid} horizontal={false} />
            <XAxis type="number" tick={axisTick} stroke={COLORS.grid} allowDecimals={false} />
            <YAxis type="category" dataKey="label" tick={axisTick} stroke={COLORS.grid} width={104} />
            <Tooltip {...tooltipStyle} cursor={{ fill: "var(--surface-hover)" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            <Bar dataKey="created" name="Created" fill={COLORS.info} isAnimationActive={false} radius={[0, 3, 3, 0]} />
            <Bar
              dataKey="converted"
              name="Converted"
              fill={COLORS.success}
              isAnimationActive={false}
              radius={[0, 3, 3, 0]}
            />
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
      {/* A div, not the table, is hidden: a table does not shrink to 1 px and would widen the page. */}
      <div className="visually-hidden">
        <table>
          <caption>Conversion by source</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Created</th>
              <th scope="col">Converted</th>
              <th scope="col">Rate</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.source}>
                <th scope="row">{s.label}</th>
                <td>{formatCount(s.created)}</td>
                <td>{formatCount(s.converted)}</td>
                <td>{formatRate(s.conversionRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <table className="dash-table" data-testid="campaigns">
        <caption className="dash-table__caption">Campaigns</caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Created</th>
            <th scope="col">Converted</th>
            <th scope="col">Rate</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => (
            <tr key={c.campaign ?? ""}>
              <th scope="row">{c.campaign ?? <span className="muted">No campaign</span>}</th>
              <td>{formatCount(c.created)}</td>
              <td>{formatCount(c.converted)}</td>
              <td>{formatRate(c.conversionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
