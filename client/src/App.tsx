import { AppHeader } from "./components/AppHeader";
import { ErrorMessage } from "./components/ErrorMessage";
import { ToastProvider } from "./components/Toast";
import { LoginPage } from "./features/auth/LoginPage";
import { useSessionToken } from "./features/auth/session-token";
import { useViewer } from "./features/auth/useViewer";
import { ViewerMenu } from "./features/auth/ViewerMenu";
import { BoardPage } from "./features/board/BoardPage";
import { InboxPage } from "./features/inbox/InboxPage";
import { LeadPage, NewLeadPage } from "./features/lead";
import { LeadsPage } from "./features/leads/LeadsPage";
import { LiveProvider } from "./live/LiveProvider";
import { ReconnectBanner } from "./live/ReconnectBanner";
import { Link, paths, type Route, useRoute } from "./router";

export function App() {
  const token = useSessionToken();
  // Keyed by token so nothing from one session's components survives into the next.
  return token ? <SignedIn key={token} /> : <LoginPage />;
}

function SignedIn() {
  const { viewer, error } = useViewer();
  const route = useRoute();
  return (
    <ToastProvider>
      <LiveProvider>
        <div className="app">
          <AppHeader route={route}>{viewer && <ViewerMenu viewer={viewer} />}</AppHeader>
          <ReconnectBanner />
          <main className={`app__main app__main--${route.page}`}>
            {/* The page's queries start with the viewer's, not after it. */}
            {error ? <ErrorMessage error={error} /> : <Page route={route} />}
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
