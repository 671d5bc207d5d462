import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type RequestHandler } from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { DomainError } from "../errors.js";
import { CompiledExecution } from "../graphql/compiled-execution.js";
import type { Context } from "../graphql/context.js";
import { type createFormatError, extensionsOf } from "../graphql/errors.js";
import { refuseNulCharacters } from "../graphql/nul-characters.js";
import type { Logger } from "../logger.js";
import type { Services } from "../modules/services.js";
import type { ContextFor } from "./context.js";
import { type DocumentProtection, PARSE_OPTIONS, REQUEST_LIMITS } from "./limits.js";

export interface ApolloOptions {
  schema: GraphQLSchema;
  protection: DocumentProtection;
  formatError: ReturnType<typeof createFormatError>;
  dev: boolean;
  /** More plugins (the Prometheus operation timer). */
  plugins?: ApolloServerPlugin<Context>[];
}

/** GraphQL over HTTP: the document limits, error formatting, compiled queries, and no per-field instrumentation. */
export async function startApollo({
  schema,
  protection,
  formatError,
  dev,
  plugins = [],
}: ApolloOptions): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    // The schema, with queries run compiled (graphql/compiled-execution.ts).
    gateway: new CompiledExecution(schema).gateway(),
    validationRules: protection.validationRules,
    allowBatchedHttpRequests: false,
    plugins: [
      // Armor's typings come from Apollo's CommonJS build; the plugins are the same at runtime.
      ...(protection.plugins as unknown as ApolloServerPlugin<Context>[]),
      // Both would wrap every field resolver; Leadline uses neither HTTP cache hints nor Apollo tracing.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...plugins,
    ],
    parseOptions: PARSE_OPTIONS,
    introspection: true,
    // main.ts owns SIGTERM handling; Apollo's own handler would stop it from under us.
    stopOnTerminationSignals: false,
    formatError,
    includeStacktraceInErrorResponses: dev,
    // Compact JSON: Apollo's default indents every answer, which took 5 % of a list's CPU and a third more bytes.
    stringifyResult: (result) => JSON.stringify(result),
  });
  await apollo.start();
  return apollo;
}

/** The handlers for `/graphql`: a bounded JSON body, then Apollo with the caller's context. */
export function graphqlHandlers(
  apollo: ApolloServer<Context>,
  services: Services,
  contextFor: ContextFor,
  log: Logger,
): RequestHandler[] {
  return [
    express.json({ limit: REQUEST_LIMITS.bodyBytes }),
    refuseNulCharacters(log),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return contextFor(await services.auth.authenticate(req.headers.authorization));
        } catch (error) {
          if (error instanceof DomainError) {
            throw new GraphQLError(error.message, { extensions: { ...extensionsOf(error), http: { status: 401 } } });
          }
          throw error;
        }
      },
    }),
  ];
}
