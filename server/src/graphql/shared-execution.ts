import {
  createSourceEventStream,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type FormattedExecutionResult,
  print,
  subscribe,
} from "graphql";
import type { Viewer } from "../modules/auth/viewer.js";
import { SLOW_CONSUMER_CLOSE, SUBSCRIBER_BUFFER } from "../modules/live/live-events.service.js";
import type { Context } from "./context.js";

/**
 * The parts of a viewer that several viewers share: everyone of one tenant
 * with the same roles and permissions. An execution that read nothing else of
 * its viewer has a result that holds for all of them. (`configVersion` only
 * keys cached configuration, which a socket's viewer leaves out: longLivedViewer.)
 */
const SHARED_VIEWER_FIELDS: ReadonlySet<PropertyKey> = new Set(["tenantId", "roles", "permissions", "configVersion"]);

/** Bytes waiting to be written to a client before it counts as a slow consumer and is closed. */
export const SLOW_CONSUMER_BYTES = 4 * 1024 * 1024;

interface Execution {
  result: ExecutionResult;
  /** The execution read the viewer's identity (user, partner company, credential): valid for that viewer only. */
  personal: boolean;
  /** The `next` payload as JSON and the frame's closing brace, encoded once for every subscriber that shares the result. */
  json?: Buffer;
}

/**
 * Per event (the same object is pushed to every subscriber), the executions made for it by class
 * key: the execution itself once it is done, a promise of it while it runs.
 */
const executions = new WeakMap<object, Map<string, Execution | Promise<Execution>>>();

/** A source that can hand each event to a function as it arrives (the live fan-out's Subscriber). */
interface DirectSource {
  deliverTo(sink: (event: object) => void): void;
}

const isDirectSource = (source: object): source is DirectSource =>
  typeof (source as Partial<DirectSource>).deliverTo === "function";

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as Partial<Promise<T>>)?.then === "function";

/** The socket a stream writes to directly: a `ws` WebSocket. */
export interface LiveSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  /** Bytes as one text frame (`binary: false`): graphql-ws speaks JSON text. */
  send(data: Buffer, options: { binary: false }): void;
  close(code: number, reason: string): void;
}

const OPEN = 1;
const TEXT_FRAME = { binary: false } as const;

/**
 * Subscriptions for graphql-ws that execute each event once per class of
 * subscribers instead of once per subscriber, and write it to every socket of
 * the class as one serialized payload. A class is the operation, its
 * variables, and the viewer's tenant, roles and permissions: a hot tenant's
 * 1,000 boards watching one pipeline cost one execution and one
 * serialization per move, not 1,000.
 *
 * Sharing is decided by what the execution did, not by a list of fields: it
 * runs against a viewer that records which of its fields were read, and a
 * result that read anything outside SHARED_VIEWER_FIELDS (a rep's own leads
 * among `duplicates`, say) is not shared; each subscriber then executes for
 * itself. Every execution gets a fresh context, so batch loaders never serve
 * one event's rows to the next.
 *
 * `present` shapes a result as it goes on the wire (error formatting), the
 * job graphql-ws's `onNext` does for everything else.
 */
export function sharedSubscriptions(
  contextFor: (viewer: Viewer | null) => Context,
  present: (result: ExecutionResult) => FormattedExecutionResult | ExecutionResult,
) {
  return {
    /** graphql-ws's `subscribe`. */
    subscribe: async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
      const viewer = (args.contextValue as Context).viewer;
      // Without a viewer the subscription's auth check refuses it: nothing to share.
      if (!viewer) return subscribe(args);
      const stream = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in stream)) return stream;
      const source = stream[Symbol.asyncIterator]() as AsyncIterator<object>;
      return new SharedStream(source, args, viewer, contextFor, present);
    },
    /**
     * graphql-ws's `onOperation`: from here on the stream writes its events to
     * the socket itself; graphql-ws keeps the protocol (subscribe, complete,
     * errors) and waits on the stream until it ends.
     */
    onOperation: (socket: LiveSocket, id: string, result: unknown) => {
      if (result instanceof SharedStream) result.writeTo(socket, id);
    },
  };
}

class SharedStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly classKey: string;
  private direct: { socket: LiveSocket; prefix: Buffer } | null = null;
  /** Events waiting, in order, for an execution still running (a field resolved asynchronously). */
  private readonly waiting: (Execution | Promise<Execution>)[] = [];

  constructor(
    private readonly source: AsyncIterator<object>,
    private readonly args: ExecutionArgs,
    private readonly viewer: Viewer,
    private readonly contextFor: (viewer: Viewer | null) => Context,
    private readonly present: (result: ExecutionResult) => FormattedExecutionResult | ExecutionResult,
  ) {
    this.classKey = JSON.stringify([
      print(args.document),
      args.operationName ?? null,
      args.variableValues ?? null,
      viewer.tenantId,
      viewer.roles,
      viewer.permissions,
    ]);
  }

  writeTo(socket: LiveSocket, id: string) {
    this.direct = { socket, prefix: Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`) };
    // Each event is written as the fan-out hands it over, in the same turn, where awaiting it
    // through the iterator cost a chain of promises per event and subscriber (docs/performance.md).
    if (isDirectSource(this.source)) this.source.deliverTo((event) => this.deliver(event));
  }

  private deliver(event: object) {
    const execution = this.executionOf(event);
    if (this.waiting.length === 0 && !isPromise(execution)) {
      this.write(execution);
      return;
    }
    if (this.waiting.length >= SUBSCRIBER_BUFFER) {
      this.cutOff();
      return;
    }
    this.waiting.push(execution);
    if (this.waiting.length === 1) void this.writeWaiting();
  }

  private async writeWaiting() {
    try {
      for (let next = this.waiting[0]; next; next = this.waiting[0]) {
        const execution = await next;
        // Cut off while waiting: the queue was emptied, and nothing more is written.
        if (this.waiting[0] !== next || !this.write(execution)) return;
        this.waiting.shift();
      }
    } catch {
      // graphql-js reports a field's failure in the result; a rejection is a fault of its own: end the stream.
      this.waiting.length = 0;
      void this.return();
    }
  }

  /** Writes one event's payload; false once the stream has ended (the client was too slow). */
  private write(execution: Execution): boolean {
    if (!this.direct) return true;
    const { socket, prefix } = this.direct;
    if (socket.readyState !== OPEN) return true;
    if (socket.bufferedAmount > SLOW_CONSUMER_BYTES) {
      this.cutOff();
      return false;
    }
    // Bytes, not a string: ws then writes them as they are, where a string was measured and
    // encoded again for every socket.
    execution.json ??= Buffer.from(`${JSON.stringify(this.present(execution.result))}}`);
    socket.send(Buffer.concat([prefix, execution.json]), TEXT_FRAME);
    return true;
  }

  /** A client that cannot keep up is cut off rather than buffered without bound. */
  private cutOff() {
    this.waiting.length = 0;
    this.direct?.socket.close(SLOW_CONSUMER_CLOSE.code, SLOW_CONSUMER_CLOSE.reason);
    void this.return();
  }

  /**
   * Yields results to graphql-ws until writing directly; then writes every event the source still
   * yields (a source that delivers directly yields none) and settles only when the stream ends.
   */
  async next(): Promise<IteratorResult<ExecutionResult>> {
    for (;;) {
      const step = await this.source.next();
      if (step.done) return { value: undefined, done: true };
      const execution = await this.executionOf(step.value);
      if (!this.direct) return { value: execution.result, done: false };
      if (!this.write(execution)) return { value: undefined, done: true };
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    // Straight to the source, even while `next` waits on it (an async generator's would queue behind it).
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** The event's execution for this stream's class, shared with the class; synchronous when its fields are. */
  private executionOf(event: object): Execution | Promise<Execution> {
    let byClass = executions.get(event);
    if (!byClass) {
      byClass = new Map();
      executions.set(event, byClass);
    }
    let shared = byClass.get(this.classKey);
    if (!shared) {
      shared = this.runRecorded(event);
      byClass.set(this.classKey, shared);
    }
    const own = (execution: Execution): Execution | Promise<Execution> => {
      if (!execution.personal) return execution;
      const result = this.run(event, this.viewer);
      return isPromise(result) ? result.then((r) => ({ result: r, personal: true })) : { result, personal: true };
    };
    return isPromise(shared) ? shared.then(own) : own(shared);
  }

  private runRecorded(event: object): Execution | Promise<Execution> {
    let personal = false;
    const recording = new Proxy(this.viewer, {
      get(target, field, receiver) {
        if (!SHARED_VIEWER_FIELDS.has(field)) personal = true;
        return Reflect.get(target, field, receiver);
      },
    });
    const result = this.run(event, recording);
    // `personal` is read once the execution is done: an asynchronous field may read the viewer late.
    return isPromise(result) ? result.then((r) => ({ result: r, personal })) : { result, personal };
  }

  private run(event: object, as: Viewer): Promise<ExecutionResult> | ExecutionResult {
    return execute({ ...this.args, rootValue: event, contextValue: this.contextFor(as) }) as
      | Promise<ExecutionResult>
      | ExecutionResult;
  }
}
