import { Card } from "../../components/Card";
import { Link, paths } from "../../router";
import { useViewerAccess } from "../auth/useViewer";
import type { AdminNeed } from "./AdminOnly";

const SCREENS: { to: string; label: string; what: string; need: AdminNeed }[] = [
  {
    to: paths.adminUsers(),
    label: "Users and roles",
    what: "Invite people, change their roles, deactivate them",
    need: "admin",
  },
  {
    to: paths.adminIntegrations(),
    label: "Integrations",
    what: "API keys, the inbound webhook secret, outbound webhooks and their deliveries",
    need: "admin",
  },
  {
    to: paths.adminPipelines(),
    label: "Pipelines",
    what: "Stages, WIP limits and the moves allowed between them; new pipelines from a preset",
    need: "admin",
  },
  {
    to: paths.adminRouting(),
    label: "Routing",
    what: "Queues and their members, the rules that send new leads to them, and a preview",
    need: "manage",
  },
];

/** Where the admin screens are found: each shown to those it is for (the screens say "Not allowed" to others). */
export function AdminLinks() {
  const { permissions } = useViewerAccess();
  const screens = SCREENS.filter((screen) => permissions[screen.need]);
  if (screens.length === 0) return null;
  return (
    <Card className="admin-links">
      <nav aria-labelledby="admin-links-title">
        <h2 id="admin-links-title" className="admin-links__title">
          Administration
        </h2>
        <ul>
          {screens.map((screen) => (
            <li key={screen.to}>
              <Link to={screen.to}>{screen.label}</Link>
              <span className="muted">{screen.what}</span>
            </li>
          ))}
        </ul>
      </nav>
    </Card>
  );
}
