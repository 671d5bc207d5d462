import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { relayStylePagination } from "@apollo/client/utilities";
import { OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import { readToken, writeToken } from "./features/auth/session-token";

const GRAPHQL_PATH = "/graphql";

const bearer = (token: string) => `Bearer ${token}`;

function webSocketUrl(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) return error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * Queries and mutations go over HTTP; subscriptions over graphql-ws on the same path.
 * The cache is the app's only store.
 */
export function createApolloClient(): ApolloClient {
  const wsClient = createClient({
    url: webSocketUrl(),
    // Connect only while a subscription runs; the token is read on every (re)connect.
    lazy: true,
    connectionParams: () => {
      const token = readToken();
      return token ? { authorization: bearer(token) } : {};
    },
  });

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
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(wsClient),
    new HttpLink({ uri: GRAPHQL_PATH }),
  );

  const client = new ApolloClient({
    link: ApolloLink.from([errorLink, authLink, transport]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // One list per filter and order; `after` pages are appended by cursor.
            leads: relayStylePagination(["filter", "orderBy"]),
          },
        },
      },
    }),
  });

  // Clearing the store means the identity changed: a socket authenticated as the
  // previous user must not carry over, so the next subscription reconnects with the current token.
  client.onClearStore(async () => wsClient.terminate());
  client.onResetStore(async () => wsClient.terminate());

  return client;
}
