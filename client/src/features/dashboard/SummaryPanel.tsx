import { graphql } from "../../gql";
import { formatCount, formatDuration, formatRate } from "./format";
import { Panel } from "./Panel";
import { usePanelQuery } from "./usePanelQuery";

export const DashboardSummaryQuery = graphql(`
  query DashboardSummary($from: DateTime, $to: DateTime) {
    metrics(from: $from, to: $to) {
      created
      converted
      conversionRate
      firstResponseMedianSeconds
      slaMetRate
    }
  }
`);

/** The headline figures of the window: the same cohort every other panel breaks down. */
export function SummaryPanel(props: { from: string; to: string | null }) {
  const { data, ready, busy, error } = usePanelQuery(DashboardSummaryQuery, { from: props.from, to: props.to });
  const m = data?.metrics;
  const tiles = [
    { key: "created", label: "Leads created", value: m ? formatCount(m.created) : "" },
    { key: "converted", label: "Converted", value: m ? formatCount(m.converted) : "" },
    { key: "conversion", label: "Conversion rate", value: formatRate(m?.conversionRate) },
    { key: "first-response", label: "Median first response", value: formatDuration(m?.firstResponseMedianSeconds) },
    { key: "sla", label: "SLA met", value: formatRate(m?.slaMetRate) },
  ];
  return (
    <Panel title="Summary" testId="panel-summary" ready={ready} busy={busy} error={error} wide>
      <dl className="dash-kpis">
        {tiles.map((tile) => (
          <div key={tile.key} className="dash-kpi">
            <dt className="dash-kpi__label">{tile.label}</dt>
            <dd className="dash-kpi__value" data-testid={`kpi-${tile.key}`}>
              {tile.value}
            </dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
