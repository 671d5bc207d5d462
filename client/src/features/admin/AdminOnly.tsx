import type { ReactNode } from "react";
import { Link, paths } from "../../router";
import { useViewer, useViewerAccess } from "../auth/useViewer";

/** Who a screen is for: `admin` (the default) or `manage`, admins and managers (as the server decides). */
export type AdminNeed = "admin" | "manage";

/**
 * The admin screens, for admins only (or, with `need="manage"`, admins and managers). The server refuses
 * every operation behind them to anyone else anyway; this spares a rep who follows an admin link a page
 * of refusals, and loads nothing of the screen for them.
 */
export function AdminOnly(props: { children: ReactNode; need?: AdminNeed }) {
  const { viewer } = useViewer();
  const { permissions } = useViewerAccess();
  const need = props.need ?? "admin";
  if (!viewer) return <p className="muted">Loading…</p>;
  if (!permissions[need]) return <NotAllowed need={need} />;
  return props.children;
}

function NotAllowed(props: { need: AdminNeed }) {
  return (
    <section className="empty">
      <h1>Not allowed</h1>
      <p>
        This page is for your workspace's {props.need === "admin" ? "admins" : "admins and managers"}. Ask one of them
        if you need something changed here.
      </p>
      <p>
        <Link to={paths.inbox()}>Go to your inbox</Link>
      </p>
    </section>
  );
}
