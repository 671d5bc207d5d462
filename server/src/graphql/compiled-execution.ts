import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import { type DocumentNode, type ExecutionResult, execute, GraphQLError, type GraphQLSchema } from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface["load"]>>["executor"]>;

/**
 * A resolver's error as graphql-js makes it. graphql-jit's own has a
 * read-only message (GraphQL Armor rewrites messages) and leaves
 * `extensions` undefined when the thrown error has none, where Apollo reads
 * the code from it.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const made = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // Where in the document it arose: graphql-jit kept it; graphql-js would work it out from nodes not at hand here.
  return Object.assign(made, { locations: error.locations });
}

/** How many distinct operations keep their compiled form: clients send a few dozen. */
const COMPILED_OPERATIONS = 500;

/**
 * Queries run through graphql-jit: each distinct operation is compiled once,
 * at its second run, into a function that resolves and serializes its exact selection, instead
 * of graphql-js walking the document for every field of every row (a fifth
 * of a 50-lead page's time, docs/performance.md). The same resolvers run
 * either way. Mutations keep graphql-js (their answers are small, and their
 * serial order is graphql-js's own), and so does any request whose variables
 * do not fit, so its errors read exactly as graphql-js words them.
 */
export class CompiledExecution {
  private readonly compiled = new Map<string, CompiledQuery | null>();
  /** Operations run once, not compiled yet. */
  private readonly seenOnce = new Map<string, true>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** How many operations are kept compiled (or kept as not compilable). */
  get compiledOperations(): number {
    return this.compiled.size;
  }

  /** Apollo Server runs an executor given through its gateway interface after its own parse and validation. */
  gateway(): GatewayInterface {
    const schema = this.schema;
    return {
      load: async () => ({ schema, executor: this.executor }),
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: schema, coreSupergraphSdl: "" });
        return () => {};
      },
      stop: async () => {},
    };
  }

  readonly executor: GatewayExecutor = async (request) => {
    const { document, operation, operationName, queryHash, context } = request;
    const variables = request.request.variables ?? {};
    const plain = () =>
      execute({ schema: this.schema, document, contextValue: context, variableValues: variables, operationName });
    if (operation.operation !== "query") return plain();
    const query = this.compiledFor(`${queryHash}:${operationName ?? ""}`, document, operationName);
    if (!query) return plain();
    const result = (await query.query(undefined, context, variables)) as ExecutionResult;
    if (!result.errors?.length) return result;
    // Nothing ran: the variables were refused. graphql-js says why, in its own words.
    if (result.data === undefined) return plain();
    return { ...result, errors: result.errors.map(asGraphQLJsError) };
  };

  /**
   * The operation's compiled form from its second run on: compiling costs
   * more than running a query once, and many are sent once (a settings
   * screen, a test), while a list or a board is sent again and again.
   */
  private compiledFor(key: string, document: DocumentNode, operationName: string | null): CompiledQuery | null {
    let query = this.compiled.get(key);
    if (query === undefined) {
      if (!this.seenOnce.has(key)) {
        remember(this.seenOnce, key, true);
        return null;
      }
      this.seenOnce.delete(key);
      const made = compileQuery(this.schema, document, operationName ?? undefined);
      query = isCompiledQuery(made) ? made : null;
      remember(this.compiled, key, query);
    }
    return query;
  }
}

/** Keeps at most COMPILED_OPERATIONS entries, forgetting the oldest. */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.size >= COMPILED_OPERATIONS) map.delete(map.keys().next().value as string);
  map.set(key, value);
}
