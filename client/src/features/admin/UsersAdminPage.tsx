export function UsersAdminPage() {
  return <p className="muted">Coming soon.</p>;
}
