import { useSyncExternalStore } from "react";
import { TOKEN_STORAGE_KEY } from "./token-key";

// The session token is the only thing kept outside the Apollo cache: it must survive a reload.
const listeners = new Set<() => void>();

export function readToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy modes); the session then lasts until reload.
    return null;
  }
}

export function writeToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_STORAGE_KEY, token);
    else window.localStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // See readToken.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  // The storage event signs this tab out (or in) when another tab does.
  const onStorage = (event: StorageEvent) => {
    if (event.key === TOKEN_STORAGE_KEY || event.key === null) listener();
  };
  listeners.add(listener);
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The current token; re-renders on sign-in and sign-out, in this tab or another. */
export function useSessionToken(): string | null {
  return useSyncExternalStore(subscribe, readToken);
}
