import { Card } from "../../components/Card";
import { Link, paths } from "../../router";
import { useViewerAccess } from "../auth/useViewer";

const SCREENS = [
  { to: paths.adminUsers(), label: "Users and roles", what: "Invite people, change their roles, deactivate them" },
  {
    to: paths.adminIntegrations(),
    label: "Integrations",
    what: "API keys, the inbound webhook secret, outbound webhooks and their deliveries",
  },
];

/** Where the admin screens are found: shown to admins only (the screens themselves say "Not allowed" to others). */
export function AdminLinks() {
  if (!useViewerAccess().permissions.admin) return null;
  return (
    <Card className="admin-links">
      <nav aria-labelledby="admin-links-title">
        <h2 id="admin-links-title" className="admin-links__title">
          Administration
        </h2>
        <ul>
          {SCREENS.map((screen) => (
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
