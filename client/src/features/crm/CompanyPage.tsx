export function CompanyPage(_props: { id: string }) {
  return <p className="muted">Coming soon.</p>;
}
