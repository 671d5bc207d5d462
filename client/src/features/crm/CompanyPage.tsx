import { useMutation, useQuery } from "@apollo/client/react";
import { Card } from "../../components/Card";
import { ErrorMessage } from "../../components/ErrorMessage";
import { graphql } from "../../gql";
import { Link, paths } from "../../router";
import { DealList } from "./DealList";
import { RecordEditForm } from "./RecordEditForm";
import type { RecordFieldSpec } from "./RecordFields";
import { RecordLeads } from "./RecordLeads";
import { contactName } from "./record-names";

const CompanyPageQuery = graphql(`
  query CompanyPage($id: ID!) {
    company(id: $id) {
      id
      name
      website
      tin
      viewerMayEdit
      contacts(first: 50) {
        id
        firstName
        lastName
        email
        phone
        saved
      }
      leads(first: 50) {
        id
        ...RecordLeads_lead
        convertedDeal {
          id
          ...DealList_deal
        }
      }
    }
  }
`);

const UpdateCompany = graphql(`
  mutation UpdateCompany($id: ID!, $input: CompanyInput!) {
    updateCompany(id: $id, input: $input) {
      id
      name
      website
      tin
    }
  }
`);

type CompanyField = "name" | "website" | "tin";
const FIELDS: RecordFieldSpec<CompanyField>[] = [
  { name: "name", label: "Company name", required: true },
  { name: "website", label: "Website" },
  { name: "tin", label: "TIN (9, 10 or 12 digits)" },
];

const formValues = (c: { name: string; website?: string | null; tin?: string | null }) => ({
  name: c.name,
  website: c.website ?? "",
  tin: c.tin ?? "",
});

/** One company: its details (name, website and TIN unique in the tenant), contacts, leads and deals. */
export function CompanyPage(props: { id: string }) {
  const { data, error, loading } = useQuery(CompanyPageQuery, { variables: { id: props.id } });
  const [update] = useMutation(UpdateCompany);
  if (error && !data) return <ErrorMessage error={error} />;
  if (loading && !data) return <p className="muted">Loading…</p>;
  const company = data?.company;
  if (!company) {
    return (
      <section className="empty">
        <h1>Company not found</h1>
        <p>It does not exist or is not visible to you.</p>
        <Link to={paths.companies()}>Back to companies</Link>
      </section>
    );
  }
  const deals = company.leads.flatMap((lead) => (lead.convertedDeal ? [lead.convertedDeal] : []));
  return (
    <article className="lead-page" data-testid="company-page">
      <header className="lead-page__header">
        <div>
          <p className="muted">
            <Link to={paths.companies()}>Companies</Link>
          </p>
          <h1 className="page-title">{company.name}</h1>
          {company.website && <p className="muted">{company.website}</p>}
        </div>
      </header>
      <div className="lead-page__layout">
        <div className="lead-page__main">
          <RecordEditForm
            title="Company details"
            fields={FIELDS}
            stored={formValues(company)}
            reason={
              company.viewerMayEdit ? null : "Only managers, or the owner of one of its leads, may edit this company."
            }
            save={async (values) => {
              const { data: saved } = await update({
                variables: {
                  id: company.id,
                  input: { name: values.name, website: values.website || null, tin: values.tin || null },
                },
              });
              return saved ? formValues(saved.updateCompany) : null;
            }}
          />
          <RecordLeads leads={company.leads} />
        </div>
        <aside className="lead-page__side" aria-label="Company records">
          <Card className="lead-page__card lead-section" role="region" aria-labelledby="company-contacts-title">
            <h2 id="company-contacts-title" className="lead-section__title">
              Contacts
            </h2>
            {company.contacts.length === 0 ? (
              <p className="muted">No contacts you may see.</p>
            ) : (
              <ul className="record-list" aria-label="Contacts of this company">
                {company.contacts.map((contact) => (
                  <li key={contact.id} className="record-list__item">
                    <div>
                      <Link to={paths.contact(contact.id)} className="lead-table__name">
                        {contactName(contact)}
                      </Link>
                      <span className="lead-table__sub">
                        {[contact.email, contact.phone].filter(Boolean).join(" · ")}
                      </span>
                    </div>
                    {contact.saved && <span className="muted">Saved</span>}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <DealList deals={deals} />
        </aside>
      </div>
    </article>
  );
}
