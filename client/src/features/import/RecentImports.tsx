import { useQuery } from "@apollo/client/react";
import { useEffect, useId, useState } from "react";
import { Badge, type BadgeTone } from "../../components/Badge";
import { Card } from "../../components/Card";
import { ErrorMessage } from "../../components/ErrorMessage";
import { type FragmentType, graphql, useFragment as unmask, useFragment } from "../../gql";
import type { LeadImportStatus } from "../../gql/graphql";
import { dateTime } from "../lead/date-time";
import { ErrorReportButton, ImportProgressFragment } from "./ImportProgress";

export const LeadImportsQuery = graphql(`
  query LeadImports($first: Int) {
    leadImports(first: $first) {
      id
      ...ImportProgress_import
    }
  }
`);

const STATUS: Record<LeadImportStatus, { label: string; tone: BadgeTone }> = {
  RUNNING: { label: "Running", tone: "info" },
  DONE: { label: "Done", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
};

const countFormat = new Intl.NumberFormat();

/** The workspace's latest imports and dry runs, newest first; their counters follow the running one live. */
export function RecentImports() {
  const id = useId();
  const [running, setRunning] = useState(false);
  // An import this page does not follow (another tab's, another person's) moves on in the list too.
  const { data, error } = useQuery(LeadImportsQuery, {
    variables: { first: 10 },
    fetchPolicy: "cache-and-network",
    pollInterval: running ? 2_000 : 0,
  });
  const anyRunning = Boolean(
    data?.leadImports.some((item) => unmask(ImportProgressFragment, item).status === "RUNNING"),
  );
  useEffect(() => setRunning(anyRunning), [anyRunning]);
  return (
    <Card className="admin__card">
      <section aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          Recent imports
        </h2>
        {error && !data && <ErrorMessage error={error} />}
        {!data && !error && <p className="muted">Loading…</p>}
        {data && data.leadImports.length === 0 && <p className="muted">No imports yet.</p>}
        {data && data.leadImports.length > 0 && (
          <div className="table-wrap">
            <table className="lead-table admin-log__table" aria-labelledby={`${id}-title`}>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Created</th>
                  <th scope="col">Merged</th>
                  <th scope="col">Skipped</th>
                  <th scope="col">Errors</th>
                  <th scope="col">
                    <span className="visually-hidden">Error report</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.leadImports.map((item) => (
                  <ImportRow key={item.id} item={item} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Card>
  );
}

function ImportRow(props: { item: FragmentType<typeof ImportProgressFragment> }) {
  const row = useFragment(ImportProgressFragment, props.item);
  const status = STATUS[row.status];
  const name = row.fileName ?? "(no file name)";
  return (
    <tr>
      <th scope="row" className="import__file">
        {name}
        {row.dryRun && (
          <Badge tone="neutral" className="import__kind">
            Dry run
          </Badge>
        )}
      </th>
      <td>{dateTime.format(new Date(row.createdAt))}</td>
      <td>
        <Badge tone={status.tone} title={row.failure ?? undefined}>
          {status.label}
        </Badge>
      </td>
      <td>{countFormat.format(row.processedRows)}</td>
      <td>{countFormat.format(row.createdCount)}</td>
      <td>{countFormat.format(row.mergedCount)}</td>
      <td>{countFormat.format(row.skippedCount)}</td>
      <td>{countFormat.format(row.errorCount)}</td>
      <td>
        {row.errorCount > 0 && (
          <ErrorReportButton
            id={row.id}
            size="sm"
            text="Error report"
            label={`Download the error report of ${name}, ${dateTime.format(new Date(row.createdAt))}`}
          />
        )}
      </td>
    </tr>
  );
}
