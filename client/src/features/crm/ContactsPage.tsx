import { useId, useState } from "react";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SearchInput } from "../../components/SearchInput";
import { graphql } from "../../gql";
import { Link, paths } from "../../router";
import { ListFooter } from "./ListFooter";
import { contactName } from "./record-names";
import { PAGE_SIZE, usePagedList } from "./usePagedList";

const ContactListQuery = graphql(`
  query ContactList($first: Int!, $after: String, $search: String, $saved: Boolean) {
    contacts(first: $first, after: $after, search: $search, saved: $saved) {
      totalCount
      edges {
        cursor
        node {
          id
          firstName
          lastName
          email
          phone
          saved
          company {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const countFormat = new Intl.NumberFormat();

/** The contacts the viewer may see, newest first: a search and seed 001/003's saved contacts. */
export function ContactsPage() {
  const id = useId();
  const [search, setSearch] = useState("");
  const [savedOnly, setSavedOnly] = useState(false);
  const { page, error, loading, stale, loadingMore, loadMore } = usePagedList(
    ContactListQuery,
    { first: PAGE_SIZE, search: search || null, saved: savedOnly ? true : null },
    (data) => data.contacts,
  );
  const contacts = page?.edges.map((edge) => edge.node) ?? [];

  return (
    <section className="leads">
      <div className="leads__toolbar">
        <div>
          <h1 className="leads__title">Contacts</h1>
          <p className="muted" aria-live="polite">
            {page ? (
              <>
                <span data-testid="contact-total">{countFormat.format(page.totalCount)}</span>{" "}
                {savedOnly ? "saved " : ""}
                {page.totalCount === 1 ? "contact" : "contacts"}
                {search && <> matching “{search}”</>}
              </>
            ) : (
              "Loading…"
            )}
          </p>
        </div>
        <div className="record-filters">
          <label className="checkbox" htmlFor={`${id}-saved`}>
            <input
              id={`${id}-saved`}
              type="checkbox"
              checked={savedOnly}
              onChange={(e) => setSavedOnly(e.target.checked)}
            />
            Saved only
          </label>
          <SearchInput label="Search contacts" placeholder="Name, email or phone" onSearch={setSearch} />
        </div>
      </div>

      {error && <ErrorMessage error={error} />}

      {contacts.length > 0 && (
        <div className={["table-wrap", (stale || loading) && "is-stale"].filter(Boolean).join(" ")} aria-busy={loading}>
          <table className="lead-table" aria-label="Contacts">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" data-column="phone">
                  Phone
                </th>
                <th scope="col">Company</th>
                <th scope="col">
                  <span className="visually-hidden">Saved</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((contact) => (
                <tr key={contact.id}>
                  <td>
                    <Link to={paths.contact(contact.id)} className="lead-table__name">
                      {contactName(contact)}
                    </Link>
                    {contact.email && <span className="lead-table__sub">{contact.email}</span>}
                  </td>
                  <td data-column="phone">{contact.phone ?? <span className="muted">—</span>}</td>
                  <td>
                    {contact.company ? (
                      <Link to={paths.company(contact.company.id)}>{contact.company.name}</Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{contact.saved && <Badge tone="success">Saved</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && contacts.length === 0 && !loading && (
        <p className="empty">
          {search || savedOnly
            ? "No contacts match."
            : "No contacts yet. A lead's contact appears here once it is saved, picked or converted."}
        </p>
      )}
      {page && (
        <ListFooter
          shown={contacts.length}
          total={page.totalCount}
          hasMore={page.pageInfo.hasNextPage}
          loadingMore={loadingMore}
          onMore={() => void loadMore()}
        />
      )}
    </section>
  );
}
