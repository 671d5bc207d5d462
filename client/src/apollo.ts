import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  type OperationVariables,
  ServerError,
  type TypedDocumentNode,
} from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { canonicalStringify, relayStylePagination } from "@apollo/client/utilities";
import { OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import { from, type Observable, shareReplay } from "rxjs";
import { GRAPHQL_PATH } from "./endpoints";
import { readToken, writeToken } from "./features/auth/session-token";
import { ViewerQuery } from "./features/auth/useViewer";
import { ConnectionMonitor } from "./live/connection";

const bearer = (token: string) => `Bearer ${token}`;

/** Longest wait between reconnection attempts: a rep's board should come back soon after the network does. */
const MAX_RETRY_WAIT_MS = 10_000;

function webSocketUrl(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

/** How long an early answer waits for the page that asked for it. */
const PREFETCH_TTL_MS = 10_000;

/**
 * Early answers: an operation sent with the `prefetch` context flag (before the page that needs it has
 * rendered) is kept, and the same operation with the same variables, when the page sends it, takes that
 * answer instead of asking again. Once only, and only for a few seconds: later reads go to the server.
 */
function prefetchLink(): ApolloLink {
  const early = new Map<string, Observable<ApolloLink.Result>>();
  return new ApolloLink((operation, forward) => {
    const key = `${operation.operationName}:${canonicalStringify(operation.variables)}`;
    const context = operation.getContext();
    if (context.prefetch) {
      // An answer already on its way (index.html's early request) instead of a request of our own.
      const sent: Promise<ApolloLink.Result> | undefined = context.answer;
      const answer = (sent ? from(sent) : forward(operation)).pipe(shareReplay(1));
      early.set(key, answer);
      setTimeout(() => {
        if (early.get(key) === answer) early.delete(key);
      }, PREFETCH_TTL_MS);
      return answer;
    }
    const answer = early.get(key);
    if (!answer) return forward(operation);
    early.delete(key);
    return answer;
  });
}

/**
 * Starts a query the page about to render will make, so the server works while the app starts, or
 * adopts `answer`, the same query already sent. Not deduplicated against the page's query and not
 * cached: the page's own query takes the answer through `prefetchLink` and writes it, and reports
 * its errors.
 */
export function prefetch<TData, TVariables extends OperationVariables>(
  client: ApolloClient,
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  answer?: Promise<unknown>,
): void {
  client
    .query({
      query,
      variables,
      fetchPolicy: "no-cache",
      context: { prefetch: true, answer, queryDeduplication: false },
    })
    .catch(() => {});
}

function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * Queries and mutations go over HTTP; subscriptions over graphql-ws on the same path.
 * The cache is the app's only store; `connection` reports drops and returns of the socket.
 */
export function createApolloClient(): { client: ApolloClient; connection: ConnectionMonitor } {
  const wsClient = createClient({
    url: webSocketUrl(),
    // Connect only while a subscription runs; the token is read on every (re)connect.
    lazy: true,
    // Moving between pages swaps subscriptions: keep the socket through the swap.
    lazyCloseTimeout: 5_000,
    // A live board never gives up on the server: it retries until the network is back.
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: (retries) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.min(2 ** retries * 1_000, MAX_RETRY_WAIT_MS) + Math.random() * 500),
      ),
    connectionParams: () => {
      const token = readToken();
      return token ? { authorization: bearer(token) } : {};
    },
  });
  const connection = new ConnectionMonitor();
  connection.attach(wsClient);

  const authLink = new SetContextLink((prevContext) => {
    const token = readToken();
    return token ? { headers: { ...prevContext.headers, authorization: bearer(token) } } : {};
  });

  const errorLink = new ErrorLink(({ error, operation }) => {
    // An expired or revoked session: drop the token so the app shows the sign-in page,
    // which clears the cache before the next user signs in. A failed sign-in is the form's business.
    if (operation.operationName !== "Login" && readToken() && isUnauthenticated(error)) writeToken(null);
  });

  const transport = ApolloLink.split(
    // A catch-up goes over the socket too, after the subscriptions it completes (see live/LiveProvider.tsx).
    (operation) =>
      operation.operationType === OperationTypeNode.SUBSCRIPTION || operation.getContext().overSocket === true,
    new GraphQLWsLink(wsClient),
    new HttpLink({ uri: GRAPHQL_PATH }),
  );

  const client = new ApolloClient({
    link: ApolloLink.from([errorLink, authLink, prefetchLink(), transport]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // One list per filter and order; `after` pages are appended by cursor.
            leads: relayStylePagination(["filter", "orderBy"]),
            inbox: relayStylePagination(["view"]),
            companies: relayStylePagination(["search"]),
            contacts: relayStylePagination(["search", "companyId", "saved"]),
          },
        },
        // A lead's SLA has no id of its own: ticks and queries asking for different fields merge into it.
        Sla: { merge: true },
        // A pipeline's stage list is replaced whole by an edit (stages have no id of their own).
        Pipeline: { fields: { stages: { merge: false } } },
      },
    }),
  });

  // A socket closed over its credentials asks the server once over HTTP whether the session still holds: an
  // UNAUTHENTICATED answer signs out through errorLink like any other request's, so a deactivated user's open
  // page signs out within seconds, while a server that merely failed to check the token signs nobody out.
  connection.onCredentialsRefused(() => {
    if (!readToken()) return;
    client.query({ query: ViewerQuery, fetchPolicy: "network-only" }).catch(() => {});
  });

  // Clearing the store means the identity changed: a socket authenticated as the
  // previous user must not carry over, so the next subscription reconnects with the current token.
  client.onClearStore(async () => wsClient.terminate());
  client.onResetStore(async () => wsClient.terminate());

  return { client, connection };
}
