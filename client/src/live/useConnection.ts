import { createContext, useContext, useSyncExternalStore } from "react";
import type { ConnectionMonitor, ConnectionState } from "./connection";

export const ConnectionContext = createContext<ConnectionMonitor | null>(null);

export function useConnectionMonitor(): ConnectionMonitor {
  const monitor = useContext(ConnectionContext);
  if (!monitor) throw new Error("useConnectionMonitor needs a ConnectionContext provider (main.tsx)");
  return monitor;
}

/** The socket's state; re-renders when it drops or comes back. */
export function useConnectionState(): ConnectionState {
  const monitor = useConnectionMonitor();
  return useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
}
