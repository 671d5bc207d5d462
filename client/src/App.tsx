import { lazy, Suspense } from "react";
import { AppHeader } from "./components/AppHeader";
import { ErrorMessage } from "./components/ErrorMessage";
import { ToastProvider } from "./components/Toast";
import { AdminOnly } from "./features/admin/AdminOnly";
import { InvitePage } from "./features/auth/InvitePage";
import { LoginPage } from "./features/auth/LoginPage";
import { useSessionToken } from "./features/auth/session-token";
import { useViewer, useViewerRefreshOnReconnect } from "./features/auth/useViewer";
import { ViewerMenu } from "./features/auth/ViewerMenu";
import { BoardPage } from "./features/board/BoardPage";
import { InboxPage } from "./features/inbox/InboxPage";
import { LeadsPage } from "./features/leads/LeadsPage";
import { LiveProvider } from "./live/LiveProvider";
import { ReconnectBanner } from "./live/ReconnectBanner";
import { Link, paths, type Route, useRoute } from "./router";

// The lead pages carry the shared validation rules (phone metadata, the public-suffix
// list): about 100 KB gzip that the inbox and board do not need, so they load on first use.
const LeadPage = lazy(() => import("./features/lead").then((m) => ({ default: m.LeadPage })));
const NewLeadPage = lazy(() => import("./features/lead").then((m) => ({ default: m.NewLeadPage })));
// The settings check countries against the same phone metadata: also loaded on first use.
const MailboxPage = lazy(() => import("./features/mailbox/MailboxPage").then((m) => ({ default: m.MailboxPage })));
// The records around a lead and the admin screens: each loads on first use.
const ContactsPage = lazy(() => import("./features/crm/ContactsPage").then((m) => ({ default: m.ContactsPage })));
const ContactPage = lazy(() => import("./features/crm/ContactPage").then((m) => ({ default: m.ContactPage })));
const CompaniesPage = lazy(() => import("./features/crm/CompaniesPage").then((m) => ({ default: m.CompaniesPage })));
const CompanyPage = lazy(() => import("./features/crm/CompanyPage").then((m) => ({ default: m.CompanyPage })));
const UsersAdminPage = lazy(() =>
  import("./features/admin/UsersAdminPage").then((m) => ({ default: m.UsersAdminPage })),
);
const IntegrationsAdminPage = lazy(() =>
  import("./features/admin/IntegrationsAdminPage").then((m) => ({ default: m.IntegrationsAdminPage })),
);
// The dashboard brings the chart library: loaded on first use, and only for those who may open it.
const DashboardPage = lazy(() =>
  import("./features/dashboard/DashboardPage").then((m) => ({ default: m.DashboardPage })),
);
const PipelinesAdminPage = lazy(() =>
  import("./features/admin/PipelinesAdminPage").then((m) => ({ default: m.PipelinesAdminPage })),
);
const RoutingAdminPage = lazy(() =>
  import("./features/admin/RoutingAdminPage").then((m) => ({ default: m.RoutingAdminPage })),
);
const ScoringAdminPage = lazy(() =>
  import("./features/admin/ScoringAdminPage").then((m) => ({ default: m.ScoringAdminPage })),
);
const FormsAdminPage = lazy(() =>
  import("./features/admin/FormsAdminPage").then((m) => ({ default: m.FormsAdminPage })),
);
const ImportPage = lazy(() => import("./features/import/ImportPage").then((m) => ({ default: m.ImportPage })));
const SettingsPage = lazy(() => import("./features/settings/SettingsPage").then((m) => ({ default: m.SettingsPage })));

export function App() {
  const token = useSessionToken();
  const route = useRoute();
  // An invitation link works signed out (it signs the customer in) and wins over an old session.
  if (route.page === "invite") return <InvitePage token={route.token} />;
  // Keyed by token so nothing from one session's components survives into the next.
  return token ? <SignedIn key={token} /> : <LoginPage />;
}

function SignedIn() {
  const { viewer, error } = useViewer();
  useViewerRefreshOnReconnect();
  const route = useRoute();
  return (
    <ToastProvider>
      <LiveProvider>
        <div className="app">
          <AppHeader route={route}>{viewer && <ViewerMenu viewer={viewer} />}</AppHeader>
          <ReconnectBanner />
          <main className={`app__main app__main--${route.page}`}>
            {/* The page's queries start with the viewer's, not after it. */}
            {error ? (
              <ErrorMessage error={error} />
            ) : (
              <Suspense fallback={<p className="muted">Loading…</p>}>
                <Page route={route} />
              </Suspense>
            )}
          </main>
        </div>
      </LiveProvider>
    </ToastProvider>
  );
}

function Page(props: { route: Route }) {
  const { route } = props;
  switch (route.page) {
    case "inbox":
      return <InboxPage />;
    case "board":
      return <BoardPage pipelineId={route.pipelineId} />;
    case "leads":
      return <LeadsPage />;
    case "newLead":
      return <NewLeadPage />;
    case "lead":
      return <LeadPage key={route.id} id={route.id} />;
    case "settings":
      return <SettingsPage />;
    case "mailbox":
      return <MailboxPage />;
    case "contacts":
      return <ContactsPage />;
    case "contact":
      return <ContactPage key={route.id} id={route.id} />;
    case "companies":
      return <CompaniesPage />;
    case "company":
      return <CompanyPage key={route.id} id={route.id} />;
    case "adminUsers":
      return (
        <AdminOnly>
          <UsersAdminPage />
        </AdminOnly>
      );
    case "adminIntegrations":
      return (
        <AdminOnly>
          <IntegrationsAdminPage />
        </AdminOnly>
      );
    case "dashboard":
      return <DashboardPage />;
    case "adminPipelines":
      return (
        <AdminOnly>
          <PipelinesAdminPage pipelineId={route.pipelineId} />
        </AdminOnly>
      );
    case "adminRouting":
      // Managers as well: who is on a queue changes with shifts, and the server lets them (routing-config.service).
      return (
        <AdminOnly permission="manage">
          <RoutingAdminPage />
        </AdminOnly>
      );
    case "adminScoring":
      return (
        <AdminOnly>
          <ScoringAdminPage />
        </AdminOnly>
      );
    case "adminImport":
      return (
        <AdminOnly permission="import">
          <ImportPage />
        </AdminOnly>
      );
    case "adminForms":
      // Marketers publish forms too; the captcha keys on the page are for admins only.
      return (
        <AdminOnly permission="forms">
          <FormsAdminPage />
        </AdminOnly>
      );
    case "invite":
      // Shown by App before a session is looked at.
      return null;
    case "notFound":
      return (
        <section className="empty">
          <h1>Page not found</h1>
          <p>
            <Link to={paths.inbox()}>Go to your inbox</Link>
          </p>
        </section>
      );
  }
}
