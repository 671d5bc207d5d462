import { createSourceEventStream, type ExecutionArgs, type ExecutionResult, execute, print, subscribe } from "graphql";
import type { Viewer } from "../modules/auth/viewer.js";
import type { Context } from "./context.js";

/**
 * The parts of a viewer that several viewers share: everyone of one tenant
 * with the same roles and permissions. An execution that read nothing else of
 * its viewer has a result that holds for all of them.
 */
const SHARED_VIEWER_FIELDS: ReadonlySet<PropertyKey> = new Set(["tenantId", "roles", "permissions"]);

interface SharedResult {
  result: ExecutionResult;
  /** The execution read the viewer's identity (user, partner company, credential): valid for that viewer only. */
  personal: boolean;
}

/** Per event (the same object is pushed to every subscriber), the executions made for it by class key. */
const executions = new WeakMap<object, Map<string, Promise<SharedResult>>>();

/**
 * graphql-ws's `subscribe`, executing each event once per class of
 * subscribers instead of once per subscriber: a class is the operation, its
 * variables, and the viewer's tenant, roles and permissions. A hot tenant's
 * 1,000 boards watching one pipeline then cost one execution per move, not
 * 1,000.
 *
 * Sharing is decided by what the execution did, not by a list of fields: it
 * runs against a viewer that records which of its fields were read, and a
 * result that read anything outside SHARED_VIEWER_FIELDS (a rep's own leads
 * among `duplicates`, say) is not shared; each subscriber then executes for
 * itself. Every execution gets a fresh context, so batch loaders never serve
 * one event's rows to the next.
 */
export function sharedSubscribe(contextFor: (viewer: Viewer | null) => Context) {
  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const viewer = (args.contextValue as Context).viewer;
    // Without a viewer the subscription's auth check refuses it: nothing to share.
    if (!viewer) return subscribe(args);
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const classKey = JSON.stringify([
      print(args.document),
      args.operationName ?? null,
      args.variableValues ?? null,
      viewer.tenantId,
      viewer.roles,
      viewer.permissions,
    ]);
    const run = (event: object, as: Viewer) =>
      execute({ ...args, rootValue: event, contextValue: contextFor(as) }) as
        | Promise<ExecutionResult>
        | ExecutionResult;

    return mapIterator(stream[Symbol.asyncIterator]() as AsyncIterator<object>, async (event) => {
      let byClass = executions.get(event);
      if (!byClass) {
        byClass = new Map();
        executions.set(event, byClass);
      }
      let shared = byClass.get(classKey);
      if (!shared) {
        shared = runTracked(event, viewer, run);
        byClass.set(classKey, shared);
      }
      const { result, personal } = await shared;
      return personal ? run(event, viewer) : result;
    });
  };
}

async function runTracked(
  event: object,
  viewer: Viewer,
  run: (event: object, as: Viewer) => Promise<ExecutionResult> | ExecutionResult,
): Promise<SharedResult> {
  let personal = false;
  const recording = new Proxy(viewer, {
    get(target, field, receiver) {
      if (!SHARED_VIEWER_FIELDS.has(field)) personal = true;
      return Reflect.get(target, field, receiver);
    },
  });
  const result = await run(event, recording);
  return { result, personal };
}

/** Maps an async iterator one value at a time; `return` reaches the source at once (an async generator's would wait for its pending `next`). */
function mapIterator<T, R>(source: AsyncIterator<T>, map: (value: T) => Promise<R>): AsyncIterableIterator<R> {
  return {
    async next() {
      const step = await source.next();
      return step.done ? { value: undefined, done: true } : { value: await map(step.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
