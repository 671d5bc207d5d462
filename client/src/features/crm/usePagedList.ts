import { NetworkStatus, type OperationVariables, type TypedDocumentNode } from "@apollo/client";
import { useQuery } from "@apollo/client/react";

export const PAGE_SIZE = 25;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A cursor-paged list (companies, contacts): pages are appended in the cache
 * (apollo.ts), and while a new search loads the last answer stays shown.
 */
export function usePagedList<TData, TVars extends OperationVariables & { after?: string | null }, TPage extends Page>(
  query: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  pick: (data: TData) => TPage,
) {
  const { data, previousData, error, loading, networkStatus, fetchMore } = useQuery(query, {
    variables,
    notifyOnNetworkStatusChange: true,
  });
  const shown = (data ?? previousData) as TData | undefined;
  const page = shown ? pick(shown) : null;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  async function loadMore(): Promise<void> {
    const after = page?.pageInfo.endCursor;
    if (!page?.pageInfo.hasNextPage || !after || loadingMore) return;
    await fetchMore({ variables: { after } as Partial<TVars> });
  }

  return { page, error, loading: loading && !loadingMore, stale: !data && !!previousData, loadingMore, loadMore };
}
