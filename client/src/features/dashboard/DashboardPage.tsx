import { mayViewDashboard } from "@leadline/shared";
import { useMemo, useState } from "react";
import { Link, paths } from "../../router";
import { useViewer } from "../auth/useViewer";
import { ConversionPanel } from "./ConversionPanel";
import { DateRangePicker } from "./DateRangePicker";
import { type DateRange, DEFAULT_RANGE, describeRange, windowOf } from "./date-range";
import { FunnelPanel } from "./FunnelPanel";
import { ResponseTrendPanel } from "./ResponseTrendPanel";
import { ScoreBandsPanel } from "./ScoreBandsPanel";
import { SummaryPanel } from "./SummaryPanel";
import { useDashboardLive } from "./useDashboardLive";
import { WorkloadPanel } from "./WorkloadPanel";

/** Past this many days a daily trend is a blur: weeks instead. */
const DAILY_UP_TO_DAYS = 120;

/**
 * The metrics dashboard, for managers and admins. Anyone else gets "Not allowed"
 * and none of its queries, which the server would refuse them anyway.
 */
export function DashboardPage() {
  const { viewer } = useViewer();
  if (!viewer) return <p className="muted">Loading…</p>;
  if (!mayViewDashboard(viewer.roles)) return <NotAllowed />;
  return <Dashboard />;
}

function Dashboard() {
  const [range, setRange] = useState<DateRange>(DEFAULT_RANGE);
  const span = useMemo(() => windowOf(range), [range]);
  const refreshedAt = useDashboardLive();
  const days = range.kind === "preset" ? range.days : (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  const bucket = days > DAILY_UP_TO_DAYS ? "WEEK" : "DAY";

  return (
    <section className="dashboard" data-testid="dashboard">
      <div className="page-toolbar dashboard__toolbar">
        <div>
          <h1 className="page-title">Metrics</h1>
          <p className="muted">
            Leads created in {describeRange(range)}
            <span className="dashboard__live">
              {" "}
              · <span className="dashboard__live-dot" aria-hidden="true" /> Live
              {refreshedAt && `, updated ${refreshedAt.toLocaleTimeString()}`}
            </span>
          </p>
        </div>
        <DateRangePicker value={range} onChange={setRange} />
      </div>
      <div className="dashboard__grid">
        <SummaryPanel {...span} />
        <ResponseTrendPanel {...span} bucket={bucket} />
        <FunnelPanel {...span} />
        <ScoreBandsPanel {...span} />
        <ConversionPanel {...span} />
        <WorkloadPanel {...span} />
      </div>
    </section>
  );
}

function NotAllowed() {
  return (
    <section className="empty" data-testid="dashboard-not-allowed">
      <h1>Not allowed</h1>
      <p>The dashboard is for managers and admins. Your own leads and their figures are in your inbox and lists.</p>
      <p>
        <Link to={paths.inbox()}>Go to your inbox</Link>
      </p>
    </section>
  );
}
