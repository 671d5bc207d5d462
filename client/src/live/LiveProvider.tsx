import type { ApolloClient } from "@apollo/client";
import { useApolloClient, useSubscription } from "@apollo/client/react";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import { useToast } from "../components/Toast";
import { graphql, useFragment as unmask } from "../gql";
import { LiveFeed } from "./feed";
import { useConnectionMonitor } from "./useConnection";

/** Every lead event the app reacts to carries these fields, so a card or row can be drawn from it alone. */
export const LiveEventFragment = graphql(`
  fragment LiveEvent_event on LeadEvent {
    type
    sequence
    fromStatus
    toStatus
    at
    actor {
      id
    }
    lead {
      id
      status
      version
      readOnly
      ...BoardCard_lead
      ...InboxRow_lead
    }
  }
`);

const CatchUpQuery = graphql(`
  query CatchUp($sequence: String!, $first: Int!) {
    leadEventsSince(sequence: $sequence, first: $first) {
      ...LiveEvent_event
    }
  }
`);

const SlaTicksSubscription = graphql(`
  subscription SlaTicks {
    slaTimer {
      leadId
      at
      sla {
        state
        firstResponseDueAt
        atRiskAt
        firstResponseAt
      }
    }
  }
`);

const LeadSlaFragment = graphql(`
  fragment LeadSla_lead on Lead {
    sla {
      state
      firstResponseDueAt
      atRiskAt
      firstResponseAt
    }
  }
`);

/** The server's page size limit for leadEventsSince. */
const CATCH_UP_PAGE = 1_000;
/** Past this many pages a refetch of what is on screen is cheaper than replaying events. */
const CATCH_UP_PAGES = 5;

const LiveFeedContext = createContext<LiveFeed | null>(null);

export function useLiveFeed(): LiveFeed {
  const feed = useContext(LiveFeedContext);
  if (!feed) throw new Error("useLiveFeed needs a LiveProvider");
  return feed;
}

/**
 * Replays the events after `start`, oldest first, through the same handlers
 * as live ones (their leads land in the cache on the way). It is sent over
 * the socket, after the subscriptions already asked for: the server starts
 * those before it reads, so an event is either replayed here or pushed live
 * (or both: the feed drops repeats). Without a start, or when far behind,
 * the queries on screen are refetched instead.
 */
async function catchUp(client: ApolloClient, feed: LiveFeed, start: string | null): Promise<number | null> {
  if (start === null) {
    await client.refetchQueries({ include: "active" });
    return null;
  }
  let sequence = start;
  let missed = 0;
  for (let page = 0; page < CATCH_UP_PAGES; page++) {
    const { data } = await client.query({
      query: CatchUpQuery,
      variables: { sequence, first: CATCH_UP_PAGE },
      fetchPolicy: "network-only",
      context: { overSocket: true },
    });
    const events = unmask(LiveEventFragment, data?.leadEventsSince ?? []);
    for (const event of events) if (feed.receive(event, "catch-up")) missed++;
    const last = events.at(-1);
    if (events.length < CATCH_UP_PAGE || !last) return missed;
    sequence = last.sequence;
  }
  await client.refetchQueries({ include: "active" });
  return missed;
}

/**
 * Live updates for the signed-in app: the event feed features subscribe
 * through, SLA ticks written into the cached leads, and catch-up after the
 * socket comes back.
 */
export function LiveProvider(props: { children: ReactNode }) {
  const [feed] = useState(() => new LiveFeed());
  const client = useApolloClient();
  const connection = useConnectionMonitor();
  const toast = useToast();

  useSubscription(SlaTicksSubscription, {
    ignoreResults: true,
    onData: ({ data, client: apollo }) => {
      const tick = data.data?.slaTimer;
      if (!tick) return;
      const id = apollo.cache.identify({ __typename: "Lead", id: tick.leadId });
      // Only leads already on screen (in the cache) need the new state.
      if (!id || !apollo.cache.readFragment({ id, fragment: LeadSlaFragment })) return;
      apollo.cache.writeFragment({ id, fragment: LeadSlaFragment, data: { sla: tick.sla } });
    },
  });

  useEffect(
    () =>
      connection.onReconnect(() => {
        catchUp(client, feed, feed.resumeSequence).then(
          (missed) => {
            if (missed) toast.show(`Back online: ${missed} ${missed === 1 ? "change" : "changes"} caught up`);
          },
          () => toast.show("Back online, but catching up failed: reload to be sure you see everything", "danger"),
        );
      }),
    [connection, client, feed, toast],
  );

  return <LiveFeedContext value={feed}>{props.children}</LiveFeedContext>;
}

/** Runs `handler` for each lead event, live or caught up, while the component is mounted. */
export function useLiveEvents(handler: Parameters<LiveFeed["on"]>[0]): void {
  const feed = useLiveFeed();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => feed.on((event, delivery) => latest.current(event, delivery)), [feed]);
}

/**
 * Closes the gap between a page's data and its subscriptions: `from` is the
 * page query's `catchUpCursor`, read with the data; once the subscriptions the
 * component started before this hook are sent, whatever committed since the
 * read is caught up. Once per `subscriptions` (what identifies them: a board's
 * pipeline, a lead's id): later re-reads of the data leave no gap, as the
 * subscriptions are running. Call it after the component's useLiveSubscription calls.
 */
export function useCatchUp(from: string | null | undefined, subscriptions: string): void {
  const feed = useLiveFeed();
  const client = useApolloClient();
  const caughtUp = useRef<string | null>(null);
  useEffect(() => {
    if (!from || caughtUp.current === subscriptions) return;
    // A turn later, so the subscriptions' own requests (started as this commit's effects ran) go first.
    const timer = window.setTimeout(() => {
      caughtUp.current = subscriptions;
      void catchUp(client, feed, from).catch(() => {});
    }, 0);
    return () => window.clearTimeout(timer);
  }, [client, feed, from, subscriptions]);
}
