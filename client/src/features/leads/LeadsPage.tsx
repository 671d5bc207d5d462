import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import type { LeadOrder } from "../../gql/graphql";
import { Link, paths } from "../../router";
import { mayImport } from "../admin/AdminOnly";
import { useViewerAccess } from "../auth/useViewer";
import { BulkActions } from "./BulkActions";
import { isFiltered, type LeadFilterState, LeadFilters, NO_FILTERS, toLeadFilter } from "./LeadFilters";
import { LeadTable } from "./LeadTable";
import { useLeads } from "./useLeads";

const countFormat = new Intl.NumberFormat();
const NEWEST_FIRST: LeadOrder = { field: "CREATED_AT", direction: "DESC" };

export function LeadsPage() {
  const { permissions } = useViewerAccess();
  const [filters, setFilters] = useState<LeadFilterState>(NO_FILTERS);
  const [order, setOrder] = useState<LeadOrder>(NEWEST_FIRST);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // The list's own filter: everything the viewer may see (a rep's own and claimed leads, by the server's rule).
  const filter = { ...toLeadFilter(filters, true), mine: filters.owner === "mine" ? true : null };
  const { connection, error, loading, stale, loadingMore, loadMore, refetch } = useLeads(filter, order);
  const shown = connection?.edges.length ?? 0;
  const filtered = isFiltered(filters);
  const nodes = connection?.edges.map((edge) => edge.node) ?? [];
  // Bulk actions are for staff who work leads: managers assign and route, anyone who may create moves.
  const canBulk = permissions.manage || permissions.create;

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
                {filtered && <> matching the filters</>}
              </>
            ) : (
              "Loading…"
            )}
          </p>
        </div>
        {mayImport(permissions) && (
          <Link to={paths.adminImport()} className="button">
            Import CSV
          </Link>
        )}
      </div>
      <LeadFilters
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setSelected(new Set());
        }}
        viewAll={permissions.viewAll}
        manage={permissions.manage}
        searchLabel="Search leads"
        extended
      />

      {canBulk && (
        <BulkActions
          selected={selected}
          onSelected={setSelected}
          manage={permissions.manage}
          labelOf={(id) => {
            const node = connection?.edges.find((e) => e.node.id === id)?.node;
            return node ? `#${node.requestId} ${node.name}` : id;
          }}
          onDone={() => void refetch()}
        />
      )}

      {error && <ErrorMessage error={error} />}

      {connection && connection.edges.length > 0 && (
        <div className={stale || loading ? "is-stale" : undefined} aria-busy={loading}>
          <LeadTable
            leads={nodes}
            order={order}
            onOrder={setOrder}
            selection={canBulk ? { selected, onChange: setSelected } : undefined}
          />
        </div>
      )}
      {connection && connection.edges.length === 0 && !loading && (
        <p className="empty">{filtered ? "No leads match the filters." : "No leads yet."}</p>
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
