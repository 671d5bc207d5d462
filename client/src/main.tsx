import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createApolloClient, prefetch } from "./apollo";
import { readToken } from "./features/auth/session-token";
import { BoardQuery, boardVariables } from "./features/board/BoardQuery";
import { takeEarlyBoard } from "./features/board/early-board";
import { ConnectionContext } from "./live/useConnection";
import { parseRoute } from "./router";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const { client, connection } = createApolloClient();

// A board opened directly (a reload, a bookmark) asks for its cards now, while React starts:
// they are the largest answer and the server's work then overlaps the first render.
const route = parseRoute(window.location.pathname, window.location.search);
// index.html's inline script may have sent it already, before this script loaded: then that answer is taken.
if (route.page === "board" && readToken()) {
  const variables = boardVariables(route.pipelineId);
  prefetch(client, BoardQuery, variables, takeEarlyBoard(variables));
}

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <ConnectionContext value={connection}>
        <App />
      </ConnectionContext>
    </ApolloProvider>
  </StrictMode>,
);
