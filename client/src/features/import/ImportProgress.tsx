import { useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { Button } from "../../components/Button";
import { graphql, useFragment } from "../../gql";
import type { ImportProgress_ImportFragment } from "../../gql/graphql";
import { percentOf } from "./csv-file";
import { downloadErrorReport } from "./import-api";

export const ImportProgressFragment = graphql(`
  fragment ImportProgress_import on LeadImport {
    id
    status
    dryRun
    fileName
    processedRows
    createdCount
    mergedCount
    skippedCount
    errorCount
    errors {
      line
      field
      message
    }
    failure
    createdAt
    finishedAt
  }
`);

const ProgressSubscription = graphql(`
  subscription LeadImportProgress($id: ID!) {
    leadImportProgress(id: $id) {
      id
      ...ImportProgress_import
    }
  }
`);

const ImportQuery = graphql(`
  query LeadImportNow($id: ID!) {
    leadImport(id: $id) {
      id
      ...ImportProgress_import
    }
  }
`);

export type ImportRow = ImportProgress_ImportFragment;

/**
 * An import as the server reports it: each committed chunk over the leadImportProgress subscription, until
 * it ends. Should the subscription fail, the import is read every second instead.
 */
export function useImportProgress(id: string): { row: ImportRow | null; error: Error | undefined } {
  const live = useSubscription(ProgressSubscription, { variables: { id } });
  const polled = useQuery(ImportQuery, {
    variables: { id },
    skip: !live.error,
    pollInterval: live.error ? 1_000 : 0,
    fetchPolicy: "network-only",
  });
  const masked = live.data?.leadImportProgress ?? polled.data?.leadImport ?? null;
  const row = useFragment(ImportProgressFragment, masked);
  return { row: row ?? null, error: live.error && polled.error };
}

const countFormat = new Intl.NumberFormat();

/** The bar: rows read of the rows expected, as a percentage (aria-valuenow), with the numbers in words. */
export function ImportProgressBar(props: { label: string; row: ImportRow | null; total: number | null }) {
  const { row, total } = props;
  const done = row?.processedRows ?? 0;
  const ended = row != null && row.status !== "RUNNING";
  const percent = percentOf(done, total, ended);
  const words = ended
    ? `${countFormat.format(done)} ${done === 1 ? "row" : "rows"} read`
    : total
      ? `${countFormat.format(done)} of about ${countFormat.format(total)} rows`
      : `${countFormat.format(done)} rows read`;
  return (
    <div className="import__progress">
      <div className="import__progress-head">
        <span>{props.label}</span>
        <span className="muted" aria-hidden="true">
          {percent}% · {words}
        </span>
      </div>
      <div
        className={
          row?.status === "FAILED" ? "progress progress--failed" : ended ? "progress progress--done" : "progress"
        }
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%: ${words}`}
      >
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** What the rows came to: created (or, in a dry run, would be), merged, skipped, refused. */
export function ImportSummary(props: { row: ImportRow }) {
  const { row } = props;
  const would = row.dryRun && row.status !== "FAILED";
  const items = [
    { label: would ? "Would be created" : "Created", value: row.createdCount },
    { label: would ? "Would merge into open leads" : "Merged into open leads", value: row.mergedCount },
    { label: "Skipped (imported before or repeated)", value: row.skippedCount },
    { label: "With errors", value: row.errorCount },
  ];
  return (
    <div className="import__summary" aria-live="polite">
      <dl className="import__counts">
        {items.map((item) => (
          <div key={item.label} className={item.label === "With errors" && item.value ? "import__count--bad" : ""}>
            <dt>{item.label}</dt>
            <dd>{countFormat.format(item.value)}</dd>
          </div>
        ))}
      </dl>
      {row.failure && (
        <p className="error" role="alert">
          {row.failure}
        </p>
      )}
    </div>
  );
}

/** How many errors the page lists; the report has them all (up to the server's 1,000). */
const SHOWN_ERRORS = 10;

/** The first bad rows by line and column, and the whole list as a download. */
export function ImportErrors(props: { row: ImportRow }) {
  const { row } = props;
  const shown = [...row.errors].sort((a, b) => a.line - b.line).slice(0, SHOWN_ERRORS);
  return (
    <div className="import__errors">
      <div className="table-wrap">
        <table className="lead-table admin-log__table">
          <caption className="import__errors-caption">
            {row.errorCount > shown.length
              ? `The first ${shown.length} of ${countFormat.format(row.errorCount)} rows with errors`
              : "Rows with errors"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((error) => (
              <tr key={`${error.line}:${error.field}:${error.message}`}>
                <td>{error.line}</td>
                <td>{error.field ?? "(the whole row)"}</td>
                <td className="import__message">{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorReportButton id={row.id} />
    </div>
  );
}

/** Downloads the import's error report (CSV: line, column, message) from the server. */
export function ErrorReportButton(props: { id: string; size?: "sm" | "md"; label?: string; text?: string }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  async function download() {
    setState({ busy: true, error: null });
    try {
      await downloadErrorReport(props.id);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  }
  return (
    <span className="import__report">
      <Button size={props.size ?? "md"} onClick={() => void download()} disabled={state.busy} aria-label={props.label}>
        {state.busy ? "Downloading…" : (props.text ?? "Download error report")}
      </Button>
      {state.error && (
        <span className="field__error" role="alert">
          {state.error}
        </span>
      )}
    </span>
  );
}
