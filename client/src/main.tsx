import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createApolloClient } from "./apollo";
import { ConnectionContext } from "./live/useConnection";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const { client, connection } = createApolloClient();

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <ConnectionContext value={connection}>
        <App />
      </ConnectionContext>
    </ApolloProvider>
  </StrictMode>,
);
