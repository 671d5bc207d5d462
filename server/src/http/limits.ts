import { ApolloArmor } from "@escape.tech/graphql-armor";

/** Limits that reject abusive documents before execution, on HTTP and WebSocket alike. */
export const REQUEST_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxCost: 20_000,
  maxTokens: 5_000,
  bodyBytes: "1mb",
  operationsPerSocket: 100,
  /** WebSocket ping interval; a socket that missed the previous pong is cut. */
  pingMs: 15_000,
  /** How often open sockets' credentials are checked again. */
  reauthMs: 2_000,
};

export type DocumentProtection = ReturnType<ApolloArmor["protect"]>;

/** The document limits as validation rules and Apollo plugins, for Apollo and graphql-ws to share. */
export function protectDocuments(dev: boolean): DocumentProtection {
  const armor = new ApolloArmor({
    // Depth is that of the fields selected: a fragment spread (the web app colocates one per
    // component, nested) adds no level of its own, so fragments neither cost nor hide depth.
    maxDepth: { n: REQUEST_LIMITS.maxDepth, flattenFragments: true },
    maxAliases: { n: REQUEST_LIMITS.maxAliases },
    costLimit: { maxCost: REQUEST_LIMITS.maxCost },
    // Counted by graphql's own parser instead (Apollo's parseOptions, below): armor's token plugin
    // parses in a hook, where any refusal, a typo included, became a 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !dev },
  });
  return armor.protect();
}

/** Apollo parses each document once, refusing one of more than maxTokens tokens as GRAPHQL_PARSE_FAILED (400). */
export const PARSE_OPTIONS = { maxTokens: REQUEST_LIMITS.maxTokens };
