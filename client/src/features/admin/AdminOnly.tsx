import type { Permissions } from "@leadline/shared";
import type { ReactNode } from "react";
import { Link, paths } from "../../router";
import { useViewer, useViewerAccess } from "../auth/useViewer";

/** Who may import leads, as the server decides it: the roles that create leads and see them all. */
export const mayImport = (permissions: Permissions) => permissions.create && permissions.viewAll;

/**
 * Who a screen is for, as the server decides: the workspace's admins, admins and managers (routing), admins and
 * marketers (capture forms), or those who may import leads.
 */
export type AdminPermission = "admin" | "manage" | "forms" | "import";

const ALLOWED: Record<AdminPermission, (permissions: Permissions) => boolean> = {
  admin: (p) => p.admin,
  manage: (p) => p.manage,
  forms: (p) => p.forms,
  import: mayImport,
};

const FOR_WHOM: Record<AdminPermission, string> = {
  admin: "your workspace's admins",
  manage: "your workspace's admins and managers",
  forms: "your workspace's admins and marketers",
  import: "your workspace's admins, managers and marketers",
};

/** Whether the viewer's permissions open a screen for `permission`. */
export const mayOpen = (permissions: Permissions, permission: AdminPermission) => ALLOWED[permission](permissions);

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
  if (!mayOpen(permissions, permission)) return <NotAllowed permission={permission} />;
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
