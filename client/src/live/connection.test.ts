import type { Client } from "graphql-ws";
import { expect, it } from "vitest";
import { ConnectionMonitor } from "./connection";

/** A graphql-ws client reduced to its events, to play closes and reconnections. */
function fakeClient() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const client = {
    on: (event: string, listener: (...args: unknown[]) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => {};
    },
  } as unknown as Client;
  const emit = (event: string, ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };
  return { client, emit };
}

it("tells when the server closes the socket over its credentials, and not for other closes", () => {
  const { client, emit } = fakeClient();
  const monitor = new ConnectionMonitor();
  monitor.attach(client);
  let refused = 0;
  monitor.onCredentialsRefused(() => refused++);
  emit("connected", {}, {}, false);
  for (const code of [1000, 1001, 1006, 4499, 4500]) emit("closed", { code });
  expect(refused).toBe(0);
  emit("closed", { code: 4403 });
  emit("closed", { code: 4401 });
  expect(refused).toBe(2);
  expect(monitor.getSnapshot()).toBe("reconnecting");
});
