import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { graphql } from "../../gql";
import type { LeadFilter, LeadOrder } from "../../gql/graphql";

export const PAGE_SIZE = 25;

const LeadListQuery = graphql(`
  query LeadList($first: Int!, $after: String, $filter: LeadFilter, $orderBy: LeadOrder) {
    leads(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          id
          requestId
          name
          ...LeadTable_lead
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The leads list under the chosen filters and order; pages are appended in the cache (see apollo.ts). */
export function useLeads(filter: LeadFilter, orderBy: LeadOrder) {
  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(LeadListQuery, {
    variables: { first: PAGE_SIZE, filter, orderBy },
    notifyOnNetworkStatusChange: true,
  });
  // While new filters load, keep showing the last answer rather than an empty table.
  const connection = (data ?? previousData)?.leads ?? null;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  async function loadMore(): Promise<void> {
    const endCursor = connection?.pageInfo.endCursor;
    if (!connection?.pageInfo.hasNextPage || !endCursor || loadingMore) return;
    await fetchMore({ variables: { after: endCursor } });
  }

  return {
    connection,
    error,
    loading: loading && !loadingMore,
    stale: !data && !!previousData,
    loadingMore,
    loadMore,
    refetch: () => refetch(),
  };
}
