import "reflect-metadata";
import { buildSchema, type GraphQLResolveInfo, graphql } from "graphql";
import { describe, expect, it } from "vitest";
import { selectsField } from "./pagination.js";

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
