import { addTypenameToDocument } from "@apollo/client/utilities";
import { print } from "graphql";
import { GRAPHQL_PATH } from "../../endpoints";
import { TOKEN_STORAGE_KEY } from "../auth/token-key";
import { BoardQuery, PER_COLUMN } from "./BoardQuery";

/** Where index.html's inline script leaves its request for main.tsx. */
export const EARLY_BOARD = "__leadlineBoard";

export interface EarlyBoard {
  variables: { pipelineId: string | null; perColumn: number };
  answer: Promise<unknown>;
}

/**
 * The inline script vite.config.ts puts in index.html: a board opened
 * directly (reload, bookmark) with a stored session asks for its cards while
 * the app's script is still loading, instead of after it has run. The query is
 * the page's own, as Apollo sends it (with __typename), so the page's query
 * takes the answer (main.tsx, prefetch in apollo.ts).
 */
export function earlyBoardScript(): string {
  const query = print(addTypenameToDocument(BoardQuery));
  return `(function () {
  try {
    var token = localStorage.getItem(${JSON.stringify(TOKEN_STORAGE_KEY)});
    if (!token || location.pathname !== "/board") return;
    var variables = { pipelineId: new URLSearchParams(location.search).get("pipeline"), perColumn: ${PER_COLUMN} };
    var answer = fetch(${JSON.stringify(GRAPHQL_PATH)}, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer " + token },
      body: JSON.stringify({ operationName: "Board", query: ${JSON.stringify(query)}, variables: variables })
    }).then(function (response) { return response.json(); });
    answer.catch(function () {});
    window[${JSON.stringify(EARLY_BOARD)}] = { variables: variables, answer: answer };
  } catch (error) {}
})();`;
}

/** The early request index.html made, when it asked for exactly these variables. */
export function takeEarlyBoard(variables: EarlyBoard["variables"]): Promise<unknown> | undefined {
  const early = (window as unknown as Record<string, EarlyBoard | undefined>)[EARLY_BOARD];
  if (!early) return undefined;
  delete (window as unknown as Record<string, unknown>)[EARLY_BOARD];
  const same = early.variables.pipelineId === variables.pipelineId && early.variables.perColumn === variables.perColumn;
  return same ? early.answer : undefined;
}
