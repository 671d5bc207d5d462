import type { Permissions } from "@leadline/shared";
import { Card } from "../../components/Card";
import { Link, paths } from "../../router";
import { useViewerAccess } from "../auth/useViewer";
import { mayImport } from "./AdminOnly";

const isAdmin = (permissions: Permissions) => permissions.admin;

const SCREENS = [
  {
    to: paths.adminUsers(),
    label: "Users and roles",
    what: "Invite people, change their roles, deactivate them",
    allow: isAdmin,
  },
  {
    to: paths.adminIntegrations(),
    label: "Integrations",
    what: "API keys, webhooks, and the email and SMS providers with a test send",
    allow: isAdmin,
  },
  {
    to: paths.adminImport(),
    label: "Import leads",
    what: "A CSV file: match its columns, check it with a dry run, then import",
    allow: mayImport,
  },
];

/**
 * Where the admin screens are found: each shown to the roles it is for (the screens themselves say "Not
 * allowed" to others), the card to no one else.
 */
export function AdminLinks() {
  const { permissions } = useViewerAccess();
  const screens = SCREENS.filter((screen) => screen.allow(permissions));
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
