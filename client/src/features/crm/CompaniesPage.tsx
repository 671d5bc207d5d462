export function CompaniesPage() {
  return <p className="muted">Coming soon.</p>;
}
