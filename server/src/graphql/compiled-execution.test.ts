import { buildSchema, type ExecutionResult, execute, GraphQLError, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { CompiledExecution } from "./compiled-execution.js";

const schema = buildSchema(`
  type Item { id: ID!, label: String }
  type Query { items(first: Int!): [Item!]!, broken: Item, calls: Int! }
  type Mutation { touch: Int! }
`);
let calls = 0;
const resolvers = {
  items: ({ first }: { first: number }) => {
    calls++;
    return Array.from({ length: first }, (_, i) => ({ id: String(i), label: `item ${i}` }));
  },
  broken: () => {
    throw new Error("refused");
  },
  calls: () => calls,
  touch: () => ++calls,
};
for (const [name, resolve] of Object.entries(resolvers)) {
  const type = name === "touch" ? schema.getMutationType() : schema.getQueryType();
  const field = type?.getFields()[name];
  if (field) field.resolve = (_root, args) => (resolve as (a: unknown) => unknown)(args);
}

/** What Apollo hands a gateway's executor, in the parts it reads. */
const run = (engine: CompiledExecution, source: string, variables: Record<string, unknown> = {}) => {
  const document = parse(source);
  const operation = document.definitions[0] as never;
  return engine.executor({
    document,
    operation,
    operationName: null,
    queryHash: source,
    context: {},
    request: { query: source, variables },
  } as never) as Promise<ExecutionResult>;
};

describe("queries run compiled", () => {
  it("should answer a query as graphql-js does, compiling each operation once, at its second run", async () => {
    const engine = new CompiledExecution(schema);
    const source = "query($n: Int!) { items(first: $n) { id label } }";
    const expected = await execute({ schema, document: parse(source), variableValues: { n: 3 } });
    expect(await run(engine, source, { n: 3 })).toEqual(expected);
    expect(engine.compiledOperations).toBe(0);
    for (const n of [3, 3, 3]) expect(await run(engine, source, { n })).toEqual(expected);
    expect(engine.compiledOperations).toBe(1);
  });

  it("should give a resolver's error as graphql-js would: an object of extensions, a message that can be rewritten", async () => {
    const engine = new CompiledExecution(schema);
    await run(engine, "{ broken { id } }");
    const result = await run(engine, "{ broken { id } }");
    expect(engine.compiledOperations).toBe(1);
    const [error] = result.errors ?? [];
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error?.extensions).toEqual({});
    expect(error?.path).toEqual(["broken"]);
    expect(error?.locations).toEqual([{ line: 1, column: 3 }]);
    expect(error?.originalError?.message).toBe("refused");
    expect(() => Object.assign(error as object, { message: "masked" })).not.toThrow();
  });

  it("should word refused variables as graphql-js does", async () => {
    const source = "query($n: Int!) { items(first: $n) { id } }";
    const expected = await execute({ schema, document: parse(source), variableValues: { n: "x" } });
    const engine = new CompiledExecution(schema);
    await run(engine, source, { n: 1 });
    expect((await run(engine, source, { n: "x" })).errors?.map((e) => e.message)).toEqual(
      expected.errors?.map((e) => e.message),
    );
  });

  it("should leave mutations to graphql-js", async () => {
    const engine = new CompiledExecution(schema);
    const before = calls;
    expect(await run(engine, "mutation { touch }")).toEqual({ data: { touch: before + 1 } });
    expect(await run(engine, "mutation { touch }")).toEqual({ data: { touch: before + 2 } });
    expect(engine.compiledOperations).toBe(0);
  });
});
