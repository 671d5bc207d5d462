/** The API's one path: GraphQL over HTTP and over WebSocket (graphql-ws). */
export const GRAPHQL_PATH = "/graphql";
