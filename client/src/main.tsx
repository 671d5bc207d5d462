import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createApolloClient, prefetch } from "./apollo";
import { readToken } from "./features/auth/session-token";
import { BoardQuery, boardVariables } from "./features/board/BoardQuery";
import { ConnectionContext } from "./live/useConnection";
import { parseRoute } from "./router";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const { client, connection } = createApolloClient();

// A board opened directly (a reload, a bookmark) asks for its cards now, while React starts:
// they are the largest answer and the server's work then overlaps the first render.
const route = parseRoute(window.location.pathname, window.location.search);
if (route.page === "board" && readToken()) prefetch(client, BoardQuery, boardVariables(route.pipelineId));

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <ConnectionContext value={connection}>
        <App />
      </ConnectionContext>
    </ApolloProvider>
  </StrictMode>,
);
