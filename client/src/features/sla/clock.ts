import { useSyncExternalStore } from "react";

/**
 * One shared one-second ticker for every countdown on screen. It runs only
 * while something listens, and a badge re-renders only when its own text changes
 * (useSyncExternalStore compares the strings it computes).
 */
const listeners = new Set<() => void>();
let timer: number | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= window.setInterval(() => {
    for (const l of listeners) l();
  }, 1_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
}

/** `compute(now)` re-evaluated every second; re-renders only when the result changes. */
export function useTicking<T extends string | number | null>(compute: (now: number) => T, enabled = true): T {
  return useSyncExternalStore(enabled ? subscribe : noSubscribe, () => compute(Date.now()));
}

const noSubscribe = () => () => {};

/** "3d", "4h 05m", "42m", or "4:07" under ten minutes, where seconds matter. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days >= 1) return `${days}d`;
  if (hours >= 1) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  if (minutes >= 10) return `${minutes}m`;
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}
