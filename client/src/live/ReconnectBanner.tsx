import { useConnectionState } from "./useConnection";

/** Shown while the live connection is down; the app catches up on its own when it returns. */
export function ReconnectBanner() {
  const state = useConnectionState();
  if (state !== "reconnecting") return null;
  return (
    <div className="reconnect-banner" role="status">
      <span className="reconnect-banner__dot" aria-hidden="true" />
      Live updates paused: reconnecting… Changes made meanwhile appear once the connection is back.
    </div>
  );
}
