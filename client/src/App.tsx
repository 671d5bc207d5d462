import { AppHeader } from "./components/AppHeader";
import { ErrorMessage } from "./components/ErrorMessage";
import { LoginPage } from "./features/auth/LoginPage";
import { useSessionToken } from "./features/auth/session-token";
import { useViewer } from "./features/auth/useViewer";
import { ViewerMenu } from "./features/auth/ViewerMenu";
import { LeadsPage } from "./features/leads/LeadsPage";

export function App() {
  const token = useSessionToken();
  // Keyed by token so nothing from one session's components survives into the next.
  return token ? <SignedIn key={token} /> : <LoginPage />;
}

function SignedIn() {
  const { viewer, error } = useViewer();
  return (
    <div className="app">
      <AppHeader>{viewer && <ViewerMenu viewer={viewer} />}</AppHeader>
      <main className="app__main">{error ? <ErrorMessage error={error} /> : <LeadsPage />}</main>
    </div>
  );
}
