export function ContactsPage() {
  return <p className="muted">Coming soon.</p>;
}
