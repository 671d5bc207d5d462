import { useApolloClient } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { graphql } from "../../gql";
import { useLiveEvents } from "../../live/LiveProvider";
import { useLiveSubscription } from "../../live/useLiveSubscription";
import { ConversionBySourceQuery } from "./ConversionPanel";
import { StageFunnelQuery } from "./FunnelPanel";
import { ResponseTrendQuery } from "./ResponseTrendPanel";
import { ScoreBandsQuery } from "./ScoreBandsPanel";
import { DashboardSummaryQuery } from "./SummaryPanel";
import { RepWorkloadQuery } from "./WorkloadPanel";

const DashboardEvents = graphql(`
  subscription DashboardEvents {
    leadEvents {
      ...LiveEvent_event
    }
  }
`);

const PANELS = [
  DashboardSummaryQuery,
  ResponseTrendQuery,
  StageFunnelQuery,
  ConversionBySourceQuery,
  RepWorkloadQuery,
  ScoreBandsQuery,
];

/** A burst of events (an import, a bulk move) settles into one refetch. */
const SETTLE_MS = 400;
/**
 * At most one refetch of the panels per this long however busy the tenant: each
 * panel is a query over the range's leads, cheap once, not at every event.
 */
const MIN_GAP_MS = 3_000;

/**
 * Keeps the figures moving as leads change: any lead event the manager may see
 * schedules one refetch of every panel, throttled. Answers when the figures
 * were last refreshed by it (null before the first).
 */
export function useDashboardLive(): Date | null {
  const client = useApolloClient();
  const timer = useRef<number | undefined>(undefined);
  const last = useRef(0);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);

  useLiveSubscription(DashboardEvents, {}, (data) => data.leadEvents);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  useLiveEvents(() => {
    if (timer.current !== undefined) return;
    const wait = Math.max(SETTLE_MS, last.current + MIN_GAP_MS - Date.now());
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      void client.refetchQueries({ include: PANELS }).then(
        () => setRefreshedAt(new Date()),
        () => {},
      );
    }, wait);
  });
  return refreshedAt;
}
