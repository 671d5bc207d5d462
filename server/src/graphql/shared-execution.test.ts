import { permissionsFor, type Role } from "@leadline/shared";
import { type ExecutionResult, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../modules/auth/viewer.js";
import { type LiveEvent, Subscriber } from "../modules/events/live-events.service.js";
import type { Context } from "./context.js";
import { sharedSubscribe } from "./shared-execution.js";

const viewer = (userId: string, roles: Role[] = ["SALES"], tenantId = "t1"): Viewer => ({
  tenantId,
  userId,
  roles,
  permissions: permissionsFor(roles),
  partnerCompanyId: null,
  via: { kind: "session", sessionId: `s-${userId}` },
});

/** A schema with one subscription over Subscriber queues, counting how often each field runs. */
function harness() {
  const runs = { n: 0, mine: 0, tenant: 0 };
  const sources: Subscriber[] = [];
  const Tick = new GraphQLObjectType<{ n: number }, Context>({
    name: "Tick",
    fields: {
      n: {
        type: GraphQLInt,
        resolve: (tick) => {
          runs.n++;
          return tick.n;
        },
      },
      tenant: {
        type: GraphQLString,
        resolve: (_tick, _args, ctx) => {
          runs.tenant++;
          return ctx.viewer?.tenantId;
        },
      },
      mine: {
        type: GraphQLString,
        resolve: (_tick, _args, ctx) => {
          runs.mine++;
          return `for ${ctx.viewer?.userId}`;
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType<unknown, Context>({
      name: "Subscription",
      fields: {
        tick: {
          type: Tick,
          args: { every: { type: GraphQLInt } },
          resolve: (event) => event,
          subscribe: (_root, _args, ctx) => {
            const source = new Subscriber(
              ctx.viewer as Viewer,
              () => true,
              () => {},
            );
            sources.push(source);
            return source;
          },
        },
      },
    }),
  });
  const contextFor = (v: Viewer | null) => ({ viewer: v }) as Context;
  const subscribe = sharedSubscribe(contextFor);
  const open = async (v: Viewer, query: string, variableValues?: Record<string, unknown>) => {
    const stream = await subscribe({ schema, document: parse(query), variableValues, contextValue: contextFor(v) });
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream));
    return stream;
  };
  /** The same object to every subscriber, as LiveEventsService hands out one row. */
  const publish = (n: number) => {
    const event = { n } as unknown as LiveEvent;
    for (const s of sources) s.push(event);
  };
  return { runs, sources, open, publish };
}

const nextOf = async (stream: AsyncIterator<ExecutionResult>) => (await stream.next()).value as ExecutionResult;

describe("shared subscription execution", () => {
  it("executes an event once for subscribers of one tenant with the same roles and operation", async () => {
    const h = harness();
    const streams = await Promise.all(
      ["u1", "u2", "u3"].map((u) => h.open(viewer(u), "subscription { tick { n tenant } }")),
    );
    h.publish(7);
    const results = await Promise.all(streams.map(nextOf));
    expect(results.map((r) => r.data)).toEqual(Array(3).fill({ tick: { n: 7, tenant: "t1" } }));
    expect(h.runs.n).toBe(1);
    expect(results[1]).toBe(results[0]);
  });

  it("executes for each subscriber when the operation reads who the viewer is", async () => {
    const h = harness();
    const streams = await Promise.all(["u1", "u2"].map((u) => h.open(viewer(u), "subscription { tick { n mine } }")));
    h.publish(1);
    const results = await Promise.all(streams.map(nextOf));
    expect(results.map((r) => r.data)).toEqual([
      { tick: { n: 1, mine: "for u1" } },
      { tick: { n: 1, mine: "for u2" } },
    ]);
  });

  it("keeps tenants, roles, operations and variables apart", async () => {
    const h = harness();
    const streams = await Promise.all([
      h.open(viewer("a"), "subscription { tick { n tenant } }"),
      h.open(viewer("b", ["SALES"], "t2"), "subscription { tick { n tenant } }"),
      h.open(viewer("c", ["MANAGER"]), "subscription { tick { n tenant } }"),
      h.open(viewer("d"), "subscription { tick { n } }"),
      h.open(viewer("e"), "subscription($every: Int) { tick(every: $every) { n tenant } }", { every: 2 }),
      h.open(viewer("f"), "subscription($every: Int) { tick(every: $every) { n tenant } }", { every: 3 }),
    ]);
    h.publish(5);
    const results = await Promise.all(streams.map(nextOf));
    expect(h.runs.n).toBe(6);
    expect(results[1]?.data).toEqual({ tick: { n: 5, tenant: "t2" } });
  });

  it("executes each new event afresh", async () => {
    const h = harness();
    const streams = await Promise.all(["u1", "u2"].map((u) => h.open(viewer(u), "subscription { tick { n } }")));
    h.publish(1);
    h.publish(2);
    for (const stream of streams) {
      expect((await nextOf(stream)).data).toEqual({ tick: { n: 1 } });
      expect((await nextOf(stream)).data).toEqual({ tick: { n: 2 } });
    }
    expect(h.runs.n).toBe(2);
  });

  it("ends the source subscription when the client completes, even while waiting for an event", async () => {
    const h = harness();
    const stream = await h.open(viewer("u1"), "subscription { tick { n } }");
    const pending = stream.next();
    await stream.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    h.publish(1);
    expect(await h.sources[0]?.next()).toEqual({ value: undefined, done: true });
  });
});
