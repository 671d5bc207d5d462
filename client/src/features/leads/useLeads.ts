import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { graphql } from "../../gql";

export const PAGE_SIZE = 25;

const LeadListQuery = graphql(`
  query LeadList($first: Int!, $after: String, $search: String) {
    leads(first: $first, after: $after, filter: { search: $search }, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      edges {
        cursor
        node {
          id
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

/** Newest leads first, narrowed by a text search; pages are appended in the cache (see apollo.ts). */
export function useLeads(search: string) {
  const { data, previousData, error, loading, networkStatus, fetchMore } = useQuery(LeadListQuery, {
    variables: { first: PAGE_SIZE, search: search || null },
    notifyOnNetworkStatusChange: true,
  });
  // While a new search loads, keep showing the last answer rather than an empty table.
  const connection = (data ?? previousData)?.leads ?? null;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  async function loadMore(): Promise<void> {
    const endCursor = connection?.pageInfo.endCursor;
    if (!connection?.pageInfo.hasNextPage || !endCursor || loadingMore) return;
    await fetchMore({ variables: { after: endCursor } });
  }

  return { connection, error, loading: loading && !loadingMore, stale: !data && !!previousData, loadingMore, loadMore };
}
