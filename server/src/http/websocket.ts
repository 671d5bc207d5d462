import type { Server } from "node:http";
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { withTenant } from "../db/tenant-scope.js";
import { DomainError } from "../errors.js";
import type { Context } from "../graphql/context.js";
import type { createFormatError } from "../graphql/errors.js";
import { sharedSubscriptions } from "../graphql/shared-execution.js";
import type { Logger } from "../logger.js";
import { longLivedViewer, type Viewer } from "../modules/auth/viewer.js";
import type { Services } from "../modules/services.js";
import type { ContextFor } from "./context.js";
import { type DocumentProtection, PARSE_OPTIONS, REQUEST_LIMITS } from "./limits.js";
import { keepSocketsAlive } from "./socket-keepalive.js";
import { reauthenticateSockets } from "./socket-reauth.js";

export interface WebSocketOptions {
  schema: GraphQLSchema;
  protection: DocumentProtection;
  formatError: ReturnType<typeof createFormatError>;
  services: Services;
  contextFor: ContextFor;
  log: Logger;
}

export interface LeadlineSockets {
  /** Sends every socket a close frame (1001), gives them a second to answer, then cuts the rest. */
  close(): Promise<void>;
  /** Sockets open now. */
  count(): number;
}

function tenantOf(args: ExecutionArgs): string | null {
  return (args.contextValue as Context).viewer?.tenantId ?? null;
}

/** GraphQL subscriptions over graphql-ws on `/graphql`, beside HTTP on the same server. */
export function startWebSocketServer(server: Server, options: WebSocketOptions): LeadlineSockets {
  const { schema, protection, formatError, services, contextFor, log } = options;
  const wss = new WebSocketServer({ server, path: "/graphql", maxPayload: 1024 * 1024 });
  const stopPinging = keepSocketsAlive(wss);
  const reauth = reauthenticateSockets(services.auth, log);
  // The same error shape HTTP sends: codes kept, internals masked.
  const present = (result: ExecutionResult) =>
    result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : result;
  const live = sharedSubscriptions(contextFor, present);
  const wsCleanup = useServer<{ authorization?: string }, { viewer?: Viewer | null; operations?: Set<string> }>(
    {
      schema,
      connectionInitWaitTimeout: 3_000,
      // Queries, mutations and the subscribing itself run for the socket's tenant under row-level
      // security; each event's delivery then executes from the live fan-out (graphql/shared-execution.ts).
      execute: (args) => withTenant(tenantOf(args), () => execute(args)),
      subscribe: (args) => withTenant(tenantOf(args), () => live.subscribe(args)),
      onOperation: (ctx, id, _payload, _args, result) => live.onOperation(ctx.extra.socket, id, result),
      onConnect: async (ctx) => {
        try {
          const viewer = await services.auth.authenticate(ctx.connectionParams?.authorization);
          ctx.extra.viewer = viewer && longLivedViewer(viewer);
          if (ctx.extra.viewer) reauth.track(ctx.extra.socket, ctx.extra.viewer);
          return true;
        } catch (err) {
          if (!(err instanceof DomainError)) log.error({ err }, "socket authentication failed");
          return false;
        }
      },
      context: (ctx) => ({
        ...contextFor(ctx.extra.viewer ?? null),
        closeConnection: (code: number, reason: string) => ctx.extra.socket.close(code, reason),
      }),
      // A bounded number of operations per socket, so one client cannot hold unbounded server state.
      onSubscribe: (ctx, id, payload) => {
        ctx.extra.operations ??= new Set();
        if (ctx.extra.operations.size >= REQUEST_LIMITS.operationsPerSocket) {
          return [
            new GraphQLError(`At most ${REQUEST_LIMITS.operationsPerSocket} subscriptions per connection`, {
              extensions: { code: "RATE_LIMITED" },
            }),
          ];
        }
        ctx.extra.operations.add(id);
        // Parsed and validated here rather than by graphql-ws, so a socket meets HTTP's token limit
        // (a document is refused before it is parsed whole) and its other document limits.
        let document: DocumentNode;
        try {
          document = parse(payload.query, PARSE_OPTIONS);
        } catch (err) {
          const message = err instanceof GraphQLError ? err.message : "Syntax Error";
          return [new GraphQLError(message, { extensions: { code: "GRAPHQL_PARSE_FAILED" } })];
        }
        const errors = validate(schema, document, [...specifiedRules, ...protection.validationRules]);
        if (errors.length > 0) return errors;
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
      },
      onComplete: (ctx, id) => {
        ctx.extra.operations?.delete(id);
      },
      onNext: (_ctx, _id, _payload, _args, result) => present(result),
    },
    wss,
    // Kept alive by keepSocketsAlive: one timer for every socket, where graphql-ws's own keep-alive
    // would add a timer per socket and ping each twice.
    0,
  );

  return {
    count: () => wss.clients.size,
    async close() {
      stopPinging();
      reauth.stop();
      const socketsClosed = wsCleanup.dispose();
      await Promise.race([socketsClosed, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      for (const client of wss.clients) client.terminate();
    },
  };
}
