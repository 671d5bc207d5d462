import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { SearchInput } from "../../components/SearchInput";
import { LeadTable } from "./LeadTable";
import { useLeads } from "./useLeads";

const countFormat = new Intl.NumberFormat();

export function LeadsPage() {
  const [search, setSearch] = useState("");
  const { connection, error, loading, stale, loadingMore, loadMore } = useLeads(search);
  const shown = connection?.edges.length ?? 0;

  return (
    <section className="leads">
      <div className="leads__toolbar">
        <div>
          <h1 className="leads__title">Leads</h1>
          <p className="muted" aria-live="polite">
            {connection ? (
              <>
                <span data-testid="lead-total">{countFormat.format(connection.totalCount)}</span>{" "}
                {connection.totalCount === 1 ? "lead" : "leads"}
                {search && <> matching “{search}”</>}
              </>
            ) : (
              "Loading…"
            )}
          </p>
        </div>
        <SearchInput label="Search leads" placeholder="Name, email, phone, company or #number" onSearch={setSearch} />
      </div>

      {error && <ErrorMessage error={error} />}

      {connection && connection.edges.length > 0 && (
        <div className={stale || loading ? "is-stale" : undefined} aria-busy={loading}>
          <LeadTable leads={connection.edges.map((edge) => edge.node)} />
        </div>
      )}
      {connection && connection.edges.length === 0 && !loading && (
        <p className="empty">{search ? "No leads match your search." : "No leads yet."}</p>
      )}

      {connection && (
        <div className="leads__footer">
          <span className="muted">
            Showing {countFormat.format(shown)} of {countFormat.format(connection.totalCount)}
          </span>
          {connection.pageInfo.hasNextPage && (
            <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>
              {loadingMore ? "Loading…" : "Load more"}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
