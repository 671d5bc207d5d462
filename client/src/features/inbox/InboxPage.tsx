import { useApolloClient, useQuery } from "@apollo/client/react";
import { QUEUE_VIEWS } from "@leadline/shared";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Tabs } from "../../components/Tabs";
import { VirtualList } from "../../components/VirtualList";
import { graphql } from "../../gql";
import type { LeadOrder, QueueView } from "../../gql/graphql";
import { useCatchUp, useLiveEvents } from "../../live/LiveProvider";
import { useLiveSubscription } from "../../live/useLiveSubscription";
import { useViewerAccess } from "../auth/useViewer";
import { isFiltered, type LeadFilterState, LeadFilters, NO_FILTERS, toLeadFilter } from "../leads/LeadFilters";
import { InboxRow } from "./InboxRow";

const InboxCountsQuery = graphql(`
  query InboxCounts {
    catchUpCursor
    inboxCounts {
      now
      today
      later
      recovery
    }
  }
`);

const InboxListQuery = graphql(`
  query InboxList($view: QueueView!, $first: Int!, $after: String) {
    inbox(view: $view, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...InboxRow_lead
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

// The inbox query takes no filter: filtered, the list is the viewer's leads through `leads(filter)`.
const InboxSearchQuery = graphql(`
  query InboxSearch($filter: LeadFilter!, $orderBy: LeadOrder!, $first: Int!, $after: String) {
    leads(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...InboxRow_lead
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const InboxEvents = graphql(`
  subscription InboxEvents {
    leadEvents {
      ...LiveEvent_event
    }
  }
`);

const PAGE = 50;
const ROW_HEIGHT = 72;
/** Several changes in a burst share one re-read of the counts and the list. */
const REFRESH_MS = 300;

const LABELS: Record<QueueView, string> = { NOW: "Now", TODAY: "Today", LATER: "Later", RECOVERY: "Recovery" };
const COUNT_KEYS = { NOW: "now", TODAY: "today", LATER: "later", RECOVERY: "recovery" } as const;
/** A filtered list keeps the tab's order: most urgent first, next actions soonest first, recovery newest first. */
const FILTERED_ORDER: Record<QueueView, LeadOrder> = {
  NOW: { field: "SLA_DUE", direction: "ASC" },
  TODAY: { field: "NEXT_ACTION_DUE", direction: "ASC" },
  LATER: { field: "NEXT_ACTION_DUE", direction: "ASC" },
  RECOVERY: { field: "UPDATED_AT", direction: "DESC" },
};

function initialView(): QueueView {
  const view = new URLSearchParams(window.location.search).get("view");
  return (QUEUE_VIEWS as readonly string[]).includes(view ?? "") ? (view as QueueView) : "NOW";
}

/**
 * The rep's queue: tabs NOW / TODAY / LATER / RECOVERY with live counts, the
 * server's urgency order (the next call on top), SLA clocks ticking, filters.
 */
export function InboxPage() {
  const { permissions } = useViewerAccess();
  const [view, setView] = useState<QueueView>(initialView);
  const [filters, setFilters] = useState<LeadFilterState>(NO_FILTERS);
  const filtered = isFiltered(filters);
  const idPrefix = useId();
  const panelId = `${idPrefix}-panel`;
  const client = useApolloClient();

  const counts = useQuery(InboxCountsQuery, { fetchPolicy: "cache-and-network" });
  const inbox = useQuery(InboxListQuery, {
    variables: { view, first: PAGE },
    fetchPolicy: "cache-and-network",
    skip: filtered,
  });
  const search = useQuery(InboxSearchQuery, {
    variables: { filter: toLeadFilter(filters, permissions.viewAll), orderBy: FILTERED_ORDER[view], first: PAGE },
    fetchPolicy: "cache-and-network",
    skip: !filtered,
  });
  const list = filtered ? search : inbox;
  const connection = filtered ? search.data?.leads : inbox.data?.inbox;
  const edges = connection?.edges ?? [];

  function selectView(next: QueueView) {
    setView(next);
    window.history.replaceState(null, "", `?view=${next}`);
  }

  useLiveSubscription(InboxEvents, {}, (data) => data.leadEvents);
  useCatchUp(counts.data?.catchUpCursor, "inbox");
  const refreshTimer = useRef<number | undefined>(undefined);
  const loaded = useRef(PAGE);
  loaded.current = Math.max(PAGE, edges.length);
  const refetchList = list.refetch;
  useLiveEvents(() => {
    window.clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(() => {
      void client.refetchQueries({ include: [InboxCountsQuery] }).catch(() => {});
      void refetchList({ first: loaded.current }).catch(() => {});
    }, REFRESH_MS);
  });
  useEffect(() => () => window.clearTimeout(refreshTimer.current), []);

  const fetchMore = list.fetchMore;
  const pageInfo = connection?.pageInfo;
  const loadMore = useCallback(() => {
    if (!pageInfo?.hasNextPage || !pageInfo.endCursor) return;
    void fetchMore({ variables: { after: pageInfo.endCursor } }).catch(() => {});
  }, [fetchMore, pageInfo]);

  return (
    <section className="inbox">
      <div className="page-toolbar">
        <h1 className="page-title">Inbox</h1>
      </div>
      <Tabs
        label="Queue"
        idPrefix={idPrefix}
        panelId={panelId}
        value={view}
        onChange={selectView}
        items={QUEUE_VIEWS.map((id) => ({
          id,
          label: LABELS[id],
          count: counts.data ? counts.data.inboxCounts[COUNT_KEYS[id]] : null,
        }))}
      />
      <LeadFilters value={filters} onChange={setFilters} viewAll={permissions.viewAll} manage={permissions.manage} />
      <div id={panelId} role="tabpanel" aria-labelledby={`${idPrefix}-${view}`} className="inbox__panel">
        <p className="inbox__summary muted" aria-live="polite">
          {connection
            ? filtered
              ? `${connection.totalCount} ${connection.totalCount === 1 ? "lead matches" : "leads match"}, ordered as ${LABELS[view]}`
              : `${connection.totalCount} in ${LABELS[view]}`
            : "Loading…"}
        </p>
        {list.error && <ErrorMessage error={list.error} />}
        {connection && edges.length === 0 && (
          <p className="empty">{filtered ? "No leads match these filters." : `Nothing in ${LABELS[view]}.`}</p>
        )}
        {edges.length > 0 && (
          <VirtualList
            className="inbox__list"
            label={`${LABELS[view]} leads`}
            items={edges}
            rowHeight={ROW_HEIGHT}
            getKey={(edge) => edge.node.id}
            renderRow={(edge) => <InboxRow lead={edge.node} showOwner={permissions.viewAll} />}
            onEndReached={loadMore}
          />
        )}
      </div>
    </section>
  );
}
