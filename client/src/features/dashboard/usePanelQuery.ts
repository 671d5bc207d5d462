import type { OperationVariables, TypedDocumentNode } from "@apollo/client";
import { useQuery } from "@apollo/client/react";

/** A panel's query: the last figures stay on screen while new ones load (a range change, a live refetch). */
export function usePanelQuery<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
) {
  const result = useQuery(document as TypedDocumentNode<TData, OperationVariables>, {
    variables,
    // Back on a range seen before: its figures at once, then today's.
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const data = (result.data ?? result.previousData) as TData | undefined;
  return { data, ready: data !== undefined, busy: result.loading, error: result.error };
}
