import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SearchInput } from "../../components/SearchInput";
import { graphql } from "../../gql";
import { Link, paths } from "../../router";
import { ListFooter } from "./ListFooter";
import { PAGE_SIZE, usePagedList } from "./usePagedList";

const CompanyListQuery = graphql(`
  query CompanyList($first: Int!, $after: String, $search: String) {
    companies(first: $first, after: $after, search: $search) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          website
          tin
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

/** The companies the viewer may see, by name, with a search (seed 002). */
export function CompaniesPage() {
  const [search, setSearch] = useState("");
  const { page, error, loading, stale, loadingMore, loadMore } = usePagedList(
    CompanyListQuery,
    { first: PAGE_SIZE, search: search || null },
    (data) => data.companies,
  );
  const companies = page?.edges.map((edge) => edge.node) ?? [];

  return (
    <section className="leads">
      <div className="leads__toolbar">
        <div>
          <h1 className="leads__title">Companies</h1>
          <p className="muted" aria-live="polite">
            {page ? (
              <>
                <span data-testid="company-total">{countFormat.format(page.totalCount)}</span>{" "}
                {page.totalCount === 1 ? "company" : "companies"}
                {search && <> matching “{search}”</>}
              </>
            ) : (
              "Loading…"
            )}
          </p>
        </div>
        <SearchInput label="Search companies" placeholder="Company name" onSearch={setSearch} />
      </div>

      {error && <ErrorMessage error={error} />}

      {companies.length > 0 && (
        <div className={["table-wrap", (stale || loading) && "is-stale"].filter(Boolean).join(" ")} aria-busy={loading}>
          <table className="lead-table" aria-label="Companies">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Website</th>
                <th scope="col" data-column="tin">
                  TIN
                </th>
              </tr>
            </thead>
            <tbody>
              {companies.map((company) => (
                <tr key={company.id}>
                  <td>
                    <Link to={paths.company(company.id)} className="lead-table__name">
                      {company.name}
                    </Link>
                  </td>
                  <td>{company.website ?? <span className="muted">—</span>}</td>
                  <td data-column="tin">{company.tin ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && companies.length === 0 && !loading && (
        <p className="empty">
          {search
            ? "No companies match your search."
            : "No companies yet. A lead's company appears here once it is picked or converted."}
        </p>
      )}
      {page && (
        <ListFooter
          shown={companies.length}
          total={page.totalCount}
          hasMore={page.pageInfo.hasNextPage}
          loadingMore={loadingMore}
          onMore={() => void loadMore()}
        />
      )}
    </section>
  );
}
