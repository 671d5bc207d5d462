import { permissionsFor, type Role } from "@leadline/shared";
import { type ExecutionResult, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../modules/auth/viewer.js";
import { type LiveEvent, SLOW_CONSUMER_CLOSE, Subscriber } from "../modules/live/live-events.service.js";
import type { Context } from "./context.js";
import { type LiveSocket, SLOW_CONSUMER_BYTES, sharedSubscriptions } from "./shared-execution.js";

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
  const runs = { n: 0, mine: 0, tenant: 0, present: 0 };
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
      // Resolves later for the first tick only: an execution that waits while later ones need not.
      later: {
        type: GraphQLInt,
        resolve: (tick) => (tick.n === 1 ? new Promise((resolve) => setTimeout(() => resolve(1), 20)) : tick.n),
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
  const live = sharedSubscriptions(contextFor, (result) => {
    runs.present++;
    return result;
  });
  const open = async (v: Viewer, query: string, variableValues?: Record<string, unknown>) => {
    const stream = await live.subscribe({
      schema,
      document: parse(query),
      variableValues,
      contextValue: contextFor(v),
    });
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream));
    return stream;
  };
  /** The same object to every subscriber, as LiveEventsService hands out one row. */
  const publish = (n: number) => {
    const event = { n } as unknown as LiveEvent;
    for (const s of sources) s.push(event);
  };
  return { runs, sources, open, publish, live };
}

/** Stands in for a `ws` socket: records what is sent and how it was closed. */
function socket(bufferedAmount = 0) {
  const s = { readyState: 1, bufferedAmount, sent: [] as string[], closed: [] as [number, string][] };
  const live: LiveSocket = {
    get readyState() {
      return s.readyState;
    },
    get bufferedAmount() {
      return s.bufferedAmount;
    },
    send: (data, options) => s.sent.push(options.binary ? "(binary)" : data.toString()),
    close: (code, reason) => {
      s.closed.push([code, reason]);
      s.readyState = 3;
    },
  };
  return { state: s, live };
}

async function until(ok: () => boolean) {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
}

const nextOf = async (stream: AsyncIterator<ExecutionResult>) => (await stream.next()).value as ExecutionResult;

describe("shared subscription execution", () => {
  it("executes an event once for subscribers of one tenant with the same roles and operation", async () => {
    const h = harness();
    const streams = await Promise.all(
      ["u1", "u2", "u3"].map((u) => h.open(viewer(u), "subscription { tick { n tenant } }")),
    );
    h.publish(7);
    const results = await Promise.all(streams.map((s) => nextOf(s)));
    expect(results.map((r) => r.data)).toEqual(Array(3).fill({ tick: { n: 7, tenant: "t1" } }));
    expect(h.runs.n).toBe(1);
    expect(results[1]).toBe(results[0]);
  });

  it("executes for each subscriber when the operation reads who the viewer is", async () => {
    const h = harness();
    const streams = await Promise.all(["u1", "u2"].map((u) => h.open(viewer(u), "subscription { tick { n mine } }")));
    h.publish(1);
    const results = await Promise.all(streams.map((s) => nextOf(s)));
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
    const results = await Promise.all(streams.map((s) => nextOf(s)));
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

  it("writes each event straight to the socket as graphql-ws's next message, shaped and serialized once", async () => {
    const h = harness();
    const [one, two] = [socket(), socket()];
    const streams = await Promise.all(["u1", "u2"].map((u) => h.open(viewer(u), "subscription { tick { n tenant } }")));
    h.live.onOperation(one.live, "op-1", streams[0]);
    h.live.onOperation(two.live, "op-2", streams[1]);
    // graphql-ws waits on each stream until it ends.
    const loops = streams.map((s) => s.next());
    h.publish(3);
    h.publish(4);
    await until(() => two.state.sent.length === 2);
    expect(one.state.sent).toEqual([
      '{"id":"op-1","type":"next","payload":{"data":{"tick":{"n":3,"tenant":"t1"}}}}',
      '{"id":"op-1","type":"next","payload":{"data":{"tick":{"n":4,"tenant":"t1"}}}}',
    ]);
    expect(JSON.parse(two.state.sent[0] ?? "")).toEqual({
      id: "op-2",
      type: "next",
      payload: { data: { tick: { n: 3, tenant: "t1" } } },
    });
    expect(h.runs).toMatchObject({ n: 2, present: 2 });
    await streams[0]?.return?.();
    expect(await loops[0]).toEqual({ value: undefined, done: true });
  });

  it("writes an event whose fields resolve at once in the turn the fan-out hands it over", async () => {
    const h = harness();
    const one = socket();
    const stream = await h.open(viewer("u1"), "subscription { tick { n } }");
    h.live.onOperation(one.live, "op", stream);
    const loop = stream.next();
    h.publish(5);
    // No await between the hand-over and the write: no promise per event and subscriber.
    expect(one.state.sent).toEqual(['{"id":"op","type":"next","payload":{"data":{"tick":{"n":5}}}}']);
    await stream.return?.();
    expect(await loop).toEqual({ value: undefined, done: true });
  });

  it("keeps each socket's order when an event waits on a field that resolves later", async () => {
    const h = harness();
    const one = socket();
    const stream = await h.open(viewer("u1"), "subscription { tick { later } }");
    h.live.onOperation(one.live, "op", stream);
    void stream.next();
    h.publish(1);
    h.publish(2);
    expect(one.state.sent).toEqual([]);
    await until(() => one.state.sent.length === 2);
    expect(one.state.sent.map((m) => JSON.parse(m).payload.data.tick.later)).toEqual([1, 2]);
  });

  it("closes a socket with 1013 once more than SLOW_CONSUMER_BYTES wait to be written, and ends its stream", async () => {
    const h = harness();
    const slow = socket(SLOW_CONSUMER_BYTES + 1);
    const stream = await h.open(viewer("u1"), "subscription { tick { n } }");
    h.live.onOperation(slow.live, "op", stream);
    const loop = stream.next();
    h.publish(1);
    expect(await loop).toEqual({ value: undefined, done: true });
    expect(slow.state.sent).toEqual([]);
    expect(slow.state.closed).toEqual([[SLOW_CONSUMER_CLOSE.code, SLOW_CONSUMER_CLOSE.reason]]);
    expect(await h.sources[0]?.next()).toEqual({ value: undefined, done: true });
  });
});
