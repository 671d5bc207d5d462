import type { ReactNode } from "react";
import { Link, paths } from "../../router";
import { useViewer, useViewerAccess } from "../auth/useViewer";

/**
 * Who a screen is for, as the server decides: the workspace's admins, admins and managers (routing), or
 * admins and marketers (capture forms).
 */
export type AdminPermission = "admin" | "manage" | "forms";

const FOR_WHOM: Record<AdminPermission, string> = {
  admin: "your workspace's admins",
  manage: "your workspace's admins and managers",
  forms: "your workspace's admins and marketers",
};

/**
 * The admin screens, for those their permission names. The server refuses every operation behind them to anyone
 * else anyway; this spares a rep who follows an admin link a page of refusals, and loads nothing of the screen for
 * them.
 */
export function AdminOnly(props: { children: ReactNode; permission?: AdminPermission }) {
  const permission = props.permission ?? "admin";
  const { viewer } = useViewer();
  const { permissions } = useViewerAccess();
  if (!viewer) return <p className="muted">Loading…</p>;
  if (!permissions[permission]) return <NotAllowed permission={permission} />;
  return props.children;
}

function NotAllowed(props: { permission: AdminPermission }) {
  return (
    <section className="empty">
      <h1>Not allowed</h1>
      <p>This page is for {FOR_WHOM[props.permission]}. Ask one of them if you need something changed here.</p>
      <p>
        <Link to={paths.inbox()}>Go to your inbox</Link>
      </p>
    </section>
  );
}
