import { mayViewDashboard } from "@leadline/shared";
import { type ReactNode, useEffect, useRef } from "react";
import { useViewer } from "../features/auth/useViewer";
import { Link, paths, type Route } from "../router";

const NAV: { page: Route["page"]; label: string; to: string }[] = [
  { page: "inbox", label: "Inbox", to: paths.inbox() },
  { page: "board", label: "Board", to: paths.board() },
  { page: "leads", label: "Leads", to: paths.leads() },
  { page: "contacts", label: "Contacts", to: paths.contacts() },
  { page: "companies", label: "Companies", to: paths.companies() },
];

export function AppHeader(props: { route?: Route; children?: ReactNode }) {
  const nav = useRef<HTMLElement>(null);
  const page = props.route?.page;
  // On a phone the links scroll sideways: keep the current one in view.
  useEffect(() => {
    if (page)
      nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [page]);
  return (
    <header className="app-header">
      <Link to={paths.inbox()} className="brand">
        Leadline
      </Link>
      {props.route && (
        <nav ref={nav} className="app-nav" aria-label="Main">
          {NAV.map((item) => (
            <Link
              key={item.page}
              to={item.to}
              className="app-nav__link"
              aria-current={props.route?.page === item.page ? "page" : undefined}
            >
              {item.label}
            </Link>
          ))}
          <DashboardLink current={props.route.page === "dashboard"} />
        </nav>
      )}
      {props.route && (
        <Link
          to={paths.newLead()}
          className="button button--primary button--sm app-header__new"
          aria-label="New lead"
          title="New lead"
        >
          {/* On a phone the header has room for the sign only. */}
          <span aria-hidden="true">+</span>
          <span className="hide-narrow" aria-hidden="true">
            New lead
          </span>
        </Link>
      )}
      {props.children}
    </header>
  );
}

/**
 * The dashboard's place in the menu, for those who may open it (managers and admins).
 * Named "Metrics": "Dashboard" would also answer to a search for the "Board" link.
 */
function DashboardLink(props: { current: boolean }) {
  const { viewer } = useViewer();
  if (!viewer || !mayViewDashboard(viewer.roles)) return null;
  return (
    <Link to={paths.dashboard()} className="app-nav__link" aria-current={props.current ? "page" : undefined}>
      Metrics
    </Link>
  );
}
