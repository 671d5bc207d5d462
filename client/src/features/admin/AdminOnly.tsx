import type { ReactNode } from "react";
import { Link, paths } from "../../router";
import { useViewer, useViewerAccess } from "../auth/useViewer";

/**
 * The admin screens, for admins only. The server refuses every operation behind them to anyone else anyway;
 * this spares a rep who follows an admin link a page of refusals, and loads nothing of the screen for them.
 */
export function AdminOnly(props: { children: ReactNode }) {
  const { viewer } = useViewer();
  const { permissions } = useViewerAccess();
  if (!viewer) return <p className="muted">Loading…</p>;
  if (!permissions.admin) return <NotAllowed />;
  return props.children;
}

function NotAllowed() {
  return (
    <section className="empty">
      <h1>Not allowed</h1>
      <p>This page is for your workspace's admins. Ask one of them if you need something changed here.</p>
      <p>
        <Link to={paths.inbox()}>Go to your inbox</Link>
      </p>
    </section>
  );
}
