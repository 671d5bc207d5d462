import "reflect-metadata";
import { buildSchema, type GraphQLResolveInfo, graphql } from "graphql";
import { describe, expect, it } from "vitest";
import { fieldsSelectedAt, selectsField } from "./pagination.js";

/** What `selectsField(info, "totalCount")` answers for the `list` field of each document. */
async function countAsked(source: string): Promise<boolean> {
  const schema = buildSchema("type Page { totalCount: Int, items: [Int] } type Query { list: Page, other: Page }");
  let asked: boolean | undefined;
  const page = { totalCount: 1, items: [1] };
  await graphql({
    schema,
    source,
    rootValue: {
      list: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        asked = selectsField(info, "totalCount");
        return page;
      },
      other: () => page,
    },
  });
  if (asked === undefined) throw new Error("list was not resolved");
  return asked;
}

describe("selectsField", () => {
  it("should see the field asked for directly, in an inline fragment or a named one", async () => {
    expect(await countAsked("{ list { totalCount items } }")).toBe(true);
    expect(await countAsked("{ list { ... on Page { totalCount } } }")).toBe(true);
    expect(
      await countAsked("{ list { ...P } } fragment P on Page { items ...Q } fragment Q on Page { totalCount }"),
    ).toBe(true);
  });

  it("should not see it when only another field asks for it", async () => {
    expect(await countAsked("{ list { items } }")).toBe(false);
    expect(await countAsked("{ list { items } other { totalCount } }")).toBe(false);
  });
});

/** What `fieldsSelectedAt(info, ["edges", "node"])` answers for the `conn` field of a document. */
async function nodeFields(source: string): Promise<string[]> {
  const schema = buildSchema(`type Node { id: ID, name: String, owner: Node }
    type Edge { node: Node, cursor: String } type Conn { edges: [Edge], totalCount: Int }
    type Query { conn: Conn, other: Conn }`);
  let names: Set<string> | undefined;
  const conn = { edges: [{ node: { id: "1", name: "n" }, cursor: "c" }], totalCount: 1 };
  await graphql({
    schema,
    source,
    rootValue: {
      conn: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        names = fieldsSelectedAt(info, ["edges", "node"]);
        return conn;
      },
      other: () => conn,
    },
  });
  if (!names) throw new Error("conn was not resolved");
  return [...names].sort();
}

describe("fieldsSelectedAt", () => {
  it("should gather a node's fields from every edges selection, fragment and alias", async () => {
    expect(await nodeFields("{ conn { edges { node { id owner { name } } } } }")).toEqual(["id", "owner"]);
    expect(
      await nodeFields(`{ conn { edges { cursor node { id } } e2: edges { n: node { ...N } } ... on Conn { edges { node { __typename } } } } }
        fragment N on Node { name ... on Node { owner { id } } }`),
    ).toEqual(["__typename", "id", "name", "owner"]);
  });

  it("should not take fields from below the node or from another field", async () => {
    expect(await nodeFields("{ conn { totalCount edges { cursor } } other { edges { node { name } } } }")).toEqual([]);
    expect(await nodeFields("{ conn { edges { node { owner { name } } } } }")).toEqual(["owner"]);
  });
});
