export function IntegrationsAdminPage() {
  return <p className="muted">Coming soon.</p>;
}
