import { Card } from "../../components/Card";
import { Link, paths } from "../../router";
import { useViewerAccess } from "../auth/useViewer";
import { type AdminPermission, mayOpen } from "./AdminOnly";

const SCREENS: { to: string; label: string; what: string; permission: AdminPermission }[] = [
  {
    to: paths.adminUsers(),
    label: "Users and roles",
    what: "Invite people, change their roles, deactivate them",
    permission: "admin",
  },
  {
    to: paths.adminIntegrations(),
    label: "Integrations",
    what: "API keys, the inbound webhook secret, outbound webhooks and their deliveries",
    permission: "admin",
  },
  {
    to: paths.adminPipelines(),
    label: "Pipelines",
    what: "Stages, WIP limits and the moves allowed between them; new pipelines from a preset",
    permission: "admin",
  },
  {
    to: paths.adminRouting(),
    label: "Routing",
    what: "Queues and their members, the rules that send new leads to them, and a preview",
    permission: "manage",
  },
  {
    to: paths.adminScoring(),
    label: "Scoring rules",
    what: "The lead scoring ruleset, checked and previewed on a sample lead before it is saved",
    permission: "admin",
  },
  {
    to: paths.adminForms(),
    label: "Capture forms",
    what: "Forms for your website: fields, where leads go, the embed snippet, submissions and reCAPTCHA",
    permission: "forms",
  },
  {
    to: paths.adminImport(),
    label: "Import leads",
    what: "A CSV file: match its columns, check it with a dry run, then import",
    permission: "import",
  },
];

/** Where the admin screens are found: each shown to those it is for (the screens themselves say "Not allowed" to others). */
export function AdminLinks() {
  const { permissions } = useViewerAccess();
  const screens = SCREENS.filter((screen) => mayOpen(permissions, screen.permission));
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
