import { useMutation, useQuery } from "@apollo/client/react";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { graphql } from "../../gql";
import { Link, paths } from "../../router";
import { DealList } from "./DealList";
import { RecordEditForm } from "./RecordEditForm";
import type { RecordFieldSpec } from "./RecordFields";
import { RecordLeads } from "./RecordLeads";
import { contactName } from "./record-names";

const ContactPageQuery = graphql(`
  query ContactPage($id: ID!) {
    contact(id: $id) {
      id
      firstName
      lastName
      email
      phone
      saved
      viewerMayEdit
      company {
        id
        name
      }
      leads(first: 50) {
        id
        ...RecordLeads_lead
      }
      deals {
        id
        ...DealList_deal
      }
    }
  }
`);

const UpdateContact = graphql(`
  mutation UpdateContact($id: ID!, $input: ContactInput!) {
    updateContact(id: $id, input: $input) {
      id
      firstName
      lastName
      email
      phone
    }
  }
`);

type ContactField = "firstName" | "lastName" | "email" | "phone";
const FIELDS: RecordFieldSpec<ContactField>[] = [
  { name: "firstName", label: "First name" },
  { name: "lastName", label: "Last name" },
  { name: "email", label: "Email", type: "email" },
  { name: "phone", label: "Phone", type: "tel" },
];

const formValues = (c: Partial<Record<ContactField, string | null>>): Record<ContactField, string> => ({
  firstName: c.firstName ?? "",
  lastName: c.lastName ?? "",
  email: c.email ?? "",
  phone: c.phone ?? "",
});

/** One contact: their details, company, leads (open and converted) and deals. */
export function ContactPage(props: { id: string }) {
  const { data, error, loading } = useQuery(ContactPageQuery, { variables: { id: props.id } });
  const [update] = useMutation(UpdateContact);
  if (error && !data) return <ErrorMessage error={error} />;
  if (loading && !data) return <p className="muted">Loading…</p>;
  const contact = data?.contact;
  if (!contact) {
    return (
      <section className="empty">
        <h1>Contact not found</h1>
        <p>It does not exist or is not visible to you.</p>
        <Link to={paths.contacts()}>Back to contacts</Link>
      </section>
    );
  }
  return (
    <article className="lead-page" data-testid="contact-page">
      <header className="lead-page__header">
        <div>
          <p className="muted">
            <Link to={paths.contacts()}>Contacts</Link>
          </p>
          <h1 className="page-title">{contactName(contact)}</h1>
          {contact.company && (
            <p className="muted">
              <Link to={paths.company(contact.company.id)}>{contact.company.name}</Link>
            </p>
          )}
        </div>
        <div className="lead-page__badges">{contact.saved && <Badge tone="success">Saved contact</Badge>}</div>
      </header>
      <div className="lead-page__layout">
        <div className="lead-page__main">
          <RecordEditForm
            title="Contact details"
            fields={FIELDS}
            stored={formValues(contact)}
            reason={
              contact.viewerMayEdit ? null : "Only managers, or the owner of one of their leads, may edit this contact."
            }
            save={async (values) => {
              // Blank clears a field; every field is sent, so what the form shows is what is stored.
              const input = Object.fromEntries(FIELDS.map((f) => [f.name, values[f.name].trim() || null]));
              const { data: saved } = await update({ variables: { id: contact.id, input } });
              return saved ? formValues(saved.updateContact) : null;
            }}
          />
          <RecordLeads leads={contact.leads} />
        </div>
        <aside className="lead-page__side" aria-label="Contact records">
          <DealList deals={contact.deals} />
        </aside>
      </div>
    </article>
  );
}
