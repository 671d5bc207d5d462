import type { OperationVariables, TypedDocumentNode } from "@apollo/client";
import { useSubscription } from "@apollo/client/react";
import { type FragmentType, useFragment as unmask } from "../gql";
import { LiveEventFragment, useLiveFeed } from "./LiveProvider";

/**
 * Subscribes to a lead-event feed and hands each event to the app's LiveFeed
 * (de-duplicated, sequence tracked for catch-up). The subscription's own
 * result is not rendered: handlers registered with useLiveEvents act on it.
 */
export function useLiveSubscription<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  pick: (data: TData) => FragmentType<typeof LiveEventFragment>,
  skip = false,
): void {
  const feed = useLiveFeed();
  useSubscription(document as TypedDocumentNode<TData, OperationVariables>, {
    variables,
    skip,
    ignoreResults: true,
    onData: ({ data }) => {
      if (data.data) feed.receive(unmask(LiveEventFragment, pick(data.data as TData)), "live");
    },
  });
}
