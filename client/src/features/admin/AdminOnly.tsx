import type { Permissions } from "@leadline/shared";
import type { ReactNode } from "react";
import { Link, paths } from "../../router";
import { useViewer, useViewerAccess } from "../auth/useViewer";

const isAdmin = (permissions: Permissions) => permissions.admin;

/**
 * The admin screens, for admins only (or, with `allow`, for the roles a screen is for). The server refuses every
 * operation behind them to anyone else anyway; this spares a rep who follows an admin link a page of refusals,
 * and loads nothing of the screen for them.
 */
export function AdminOnly(props: {
  children: ReactNode;
  allow?: (permissions: Permissions) => boolean;
  /** Who the page is for, in words: "your workspace's admins". */
  who?: string;
}) {
  const { viewer } = useViewer();
  const { permissions } = useViewerAccess();
  if (!viewer) return <p className="muted">Loading…</p>;
  if (!(props.allow ?? isAdmin)(permissions)) return <NotAllowed who={props.who ?? "your workspace's admins"} />;
  return props.children;
}

function NotAllowed(props: { who: string }) {
  return (
    <section className="empty">
      <h1>Not allowed</h1>
      <p>This page is for {props.who}. Ask one of them if you need something changed here.</p>
      <p>
        <Link to={paths.inbox()}>Go to your inbox</Link>
      </p>
    </section>
  );
}

/** Who may import leads, as the server decides it: the roles that create leads and see them all. */
export const mayImport = (permissions: Permissions) => permissions.create && permissions.viewAll;
