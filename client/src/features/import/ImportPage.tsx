import { useApolloClient, useQuery } from "@apollo/client/react";
import { type DragEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { describeError, ErrorMessage } from "../../components/ErrorMessage";
import { graphql } from "../../gql";
import type { LeadImportPreviewQuery } from "../../gql/graphql";
import { Link, paths } from "../../router";
import { countRows, DELIMITERS, readSample } from "./csv-file";
import { ImportErrors, ImportProgressBar, type ImportRow, ImportSummary, useImportProgress } from "./ImportProgress";
import { ImportRefused, startImport } from "./import-api";
import { LeadImportsQuery, RecentImports } from "./RecentImports";

const PreviewQuery = graphql(`
  query LeadImportPreview($sample: String!, $delimiter: String) {
    leadImportPreview(sample: $sample, delimiter: $delimiter) {
      delimiter
      columns {
        column
        field
        examples
      }
      fields {
        key
        label
      }
      problems {
        column
        message
      }
    }
  }
`);

type Preview = LeadImportPreviewQuery["leadImportPreview"];
type Mapping = Record<string, string | null>;

/** Where the person is: a file to choose, its columns to match, a dry run, the import. */
type Stage =
  | { kind: "choose" }
  | { kind: "map" }
  | { kind: "checking"; id: string }
  | { kind: "checked"; id: string }
  | { kind: "importing"; id: string; checkId: string | null }
  | { kind: "imported"; id: string };

const countFormat = new Intl.NumberFormat();

/**
 * Issue 16's CSV import: a file chosen or dropped, its columns matched to lead fields (the server suggests
 * each from the header), a dry run that reports every bad row before anything is written, then the import
 * with a bar that moves as rows land, its counts, and the error report. The server decides who may import;
 * the page is shown to the roles it allows (admins, managers, marketers).
 */
export function ImportPage() {
  return (
    <section className="admin import">
      <h1 className="page-title">Import leads</h1>
      <ImportWizard />
      <RecentImports />
    </section>
  );
}

function ImportWizard() {
  const client = useApolloClient();
  const id = useId();
  const [stage, setStage] = useState<Stage>({ kind: "choose" });
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [estimate, setEstimate] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ImportRefused | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = useRef(0);

  async function readPreview(next: File, delimiter: string | null): Promise<void> {
    const attempt = ++chosen.current;
    setBusy(true);
    setProblem(null);
    setRefusal(null);
    try {
      const sample = await readSample(next);
      const { data, error } = await client.query({
        query: PreviewQuery,
        variables: { sample, delimiter },
        fetchPolicy: "no-cache",
      });
      if (attempt !== chosen.current) return;
      if (!data) throw error ?? new Error("No answer");
      setPreview(data.leadImportPreview);
      setMapping(Object.fromEntries(data.leadImportPreview.columns.map((c) => [c.column, c.field ?? null])));
      setStage({ kind: "map" });
    } catch (error) {
      if (attempt === chosen.current) setProblem(describeError(error as Error));
    } finally {
      if (attempt === chosen.current) setBusy(false);
    }
  }

  function choose(next: File | undefined) {
    if (!next) return;
    setFile(next);
    setPreview(null);
    setEstimate(null);
    void readPreview(next, null);
    countRows(next).then(
      (rows) => setEstimate(rows),
      () => setEstimate(null),
    );
  }

  async function run(dryRun: boolean) {
    if (!file || !preview) return;
    setBusy(true);
    setRefusal(null);
    try {
      const started = await startImport({ file, mapping, delimiter: preview.delimiter, dryRun });
      const checkId = stage.kind === "checked" ? stage.id : null;
      setStage(dryRun ? { kind: "checking", id: started.id } : { kind: "importing", id: started.id, checkId });
      void client.refetchQueries({ include: [LeadImportsQuery] });
    } catch (error) {
      setRefusal(error instanceof ImportRefused ? error : new ImportRefused(describeError(error as Error), {}));
    } finally {
      setBusy(false);
    }
  }

  function reset() {
    chosen.current++;
    setStage({ kind: "choose" });
    setFile(null);
    setPreview(null);
    setEstimate(null);
    setRefusal(null);
    setProblem(null);
  }

  return (
    <Card className="admin__card import__wizard">
      <section aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          {stage.kind === "choose" ? "Choose a file" : file ? `“${file.name}”` : "Import"}
        </h2>
        <ol className="import__steps" aria-label="Steps">
          {(["Choose a file", "Match the columns", "Check (dry run)", "Import"] as const).map((label, index) => (
            <li
              key={label}
              className={index === stepIndex(stage) ? "import__step import__step--current" : "import__step"}
              aria-current={index === stepIndex(stage) ? "step" : undefined}
            >
              {label}
            </li>
          ))}
        </ol>

        {stage.kind === "choose" && <FilePicker onFile={choose} busy={busy} />}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}

        {file && preview && stage.kind === "map" && (
          <MappingStep
            preview={preview}
            mapping={mapping}
            onMapping={setMapping}
            onDelimiter={(delimiter) => void readPreview(file, delimiter)}
            estimate={estimate}
            refusal={refusal}
            busy={busy}
            onCheck={() => void run(true)}
            onCancel={reset}
          />
        )}

        {(stage.kind === "checking" || stage.kind === "checked") && (
          <RunStep
            key={stage.id}
            id={stage.id}
            estimate={estimate}
            label="Dry run progress"
            onEnd={() => setStage({ kind: "checked", id: stage.id })}
          >
            {(row) =>
              stage.kind === "checked" && (
                <>
                  <p>{verdictOf(row)}</p>
                  {refusal && <ImportRefusal refusal={refusal} />}
                  <div className="import__actions">
                    <Button
                      variant="primary"
                      onClick={() => void run(false)}
                      disabled={busy || row.status !== "DONE" || row.createdCount + row.mergedCount === 0}
                    >
                      {busy
                        ? "Starting…"
                        : `Import ${countFormat.format(row.createdCount + row.mergedCount)} ${row.createdCount + row.mergedCount === 1 ? "row" : "rows"}`}
                    </Button>
                    <Button onClick={() => setStage({ kind: "map" })} disabled={busy}>
                      Change the columns
                    </Button>
                    <Button variant="ghost" onClick={reset} disabled={busy}>
                      Choose another file
                    </Button>
                  </div>
                </>
              )
            }
          </RunStep>
        )}

        {(stage.kind === "importing" || stage.kind === "imported") && (
          <RunStep
            key={stage.id}
            id={stage.id}
            estimate={estimate}
            expected={stage.kind === "importing" ? stage.checkId : null}
            label="Import progress"
            onEnd={() => {
              setStage({ kind: "imported", id: stage.id });
              void client.refetchQueries({ include: "active" });
            }}
          >
            {(row) =>
              stage.kind === "imported" && (
                <>
                  <p>
                    {row.status === "DONE"
                      ? `Done: ${countFormat.format(row.createdCount)} ${row.createdCount === 1 ? "lead" : "leads"} created${
                          row.mergedCount ? `, ${countFormat.format(row.mergedCount)} merged into open leads` : ""
                        }.`
                      : `The import stopped: ${row.failure ?? "see above"}`}
                  </p>
                  <div className="import__actions">
                    <Link to={paths.leads()} className="button button--primary">
                      See the leads
                    </Link>
                    <Button onClick={reset}>Import another file</Button>
                  </div>
                </>
              )
            }
          </RunStep>
        )}
      </section>
    </Card>
  );
}

/** What a dry run found, in a sentence. */
function verdictOf(row: ImportRow): string {
  if (row.status === "FAILED") return "The file could not be read to the end; fix it and check it again.";
  if (row.processedRows === 0) return "The file has no rows below its header.";
  if (row.createdCount + row.mergedCount === 0 && row.errorCount === 0) {
    return "Every row was imported before: there is nothing new to import.";
  }
  if (row.errorCount === 0) return "Every new row can be imported. Nothing has been written yet.";
  const rows = `${countFormat.format(row.errorCount)} ${row.errorCount === 1 ? "row has" : "rows have"}`;
  return `${rows} errors and would be left out. Nothing has been written yet.`;
}

function stepIndex(stage: Stage): number {
  switch (stage.kind) {
    case "choose":
      return 0;
    case "map":
      return 1;
    case "checking":
    case "checked":
      return 2;
    default:
      return 3;
  }
}

/** A file input that also takes a file dropped on it. */
function FilePicker(props: { onFile: (file: File | undefined) => void; busy: boolean }) {
  const id = useId();
  const [over, setOver] = useState(false);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    props.onFile(event.dataTransfer.files[0]);
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is the pointer's shortcut; the file input inside is the control.
    <div
      className={over ? "import__drop import__drop--over" : "import__drop"}
      data-testid="import-drop"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id} className="import__drop-label">
        CSV file
      </label>
      <input
        id={id}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        aria-describedby={`${id}-hint`}
        disabled={props.busy}
        onChange={(event) => {
          props.onFile(event.target.files?.[0]);
          event.target.value = "";
        }}
      />
      <p className="muted" id={`${id}-hint`}>
        {props.busy
          ? "Reading the file…"
          : "Or drop it here. The first line names the columns; UTF-8, comma, semicolon, tab or pipe separated."}
      </p>
    </div>
  );
}

function MappingStep(props: {
  preview: Preview;
  mapping: Mapping;
  onMapping: (mapping: Mapping) => void;
  onDelimiter: (delimiter: string) => void;
  estimate: number | null;
  refusal: ImportRefused | null;
  busy: boolean;
  onCheck: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const { preview, mapping, refusal } = props;
  const fields = [...preview.fields].sort((a, b) => a.label.localeCompare(b.label));
  const untouched = preview.columns.every((c) => (c.field ?? null) === mapping[c.column]);
  // The server's verdict on its own suggestion, until the person changes it; the dry run checks the rest.
  const problemOf = (column: string) =>
    refusal?.fields[`mapping.${column}`] ??
    (untouched ? preview.problems.find((p) => p.column === column)?.message : undefined);
  const fileProblems = [
    ...(refusal?.fields.mapping ? [refusal.fields.mapping] : []),
    ...(untouched && !refusal ? preview.problems.filter((p) => p.column === null).map((p) => p.message) : []),
  ];

  return (
    <div className="import__map">
      <div className="import__map-head">
        <p className="muted">
          {props.estimate === null
            ? "Counting the rows…"
            : `About ${countFormat.format(props.estimate)} ${props.estimate === 1 ? "row" : "rows"} below the header.`}{" "}
          Match each column to a lead field; columns set to “Don't import” are left out.
        </p>
        <div className="field import__delimiter">
          <label htmlFor={`${id}-delimiter`}>Separator</label>
          <select
            id={`${id}-delimiter`}
            value={preview.delimiter}
            onChange={(event) => props.onDelimiter(event.target.value)}
            disabled={props.busy}
          >
            {DELIMITERS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="table-wrap">
        <table className="lead-table import__columns">
          <caption className="visually-hidden">The file's columns and the lead field each fills</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">First values</th>
              <th scope="col">Lead field</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((column, index) => {
              const problem = problemOf(column.column);
              const selectId = `${id}-column-${index}`;
              return (
                <tr key={column.column}>
                  <th scope="row" className="import__cell import__column-name">
                    <label htmlFor={selectId}>{column.column || <em>(no name)</em>}</label>
                  </th>
                  <td className="import__cell import__examples muted">{column.examples.join(" · ") || "—"}</td>
                  <td className="import__cell">
                    <select
                      id={selectId}
                      value={mapping[column.column] ?? ""}
                      onChange={(event) => props.onMapping({ ...mapping, [column.column]: event.target.value || null })}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={problem ? `${selectId}-error` : undefined}
                    >
                      <option value="">Don't import</option>
                      {fields.map((field) => (
                        <option key={field.key} value={field.key}>
                          {field.label}
                        </option>
                      ))}
                    </select>
                    {problem && (
                      <span className="field__error" id={`${selectId}-error`}>
                        {problem}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {fileProblems.map((message) => (
        <p key={message} className="error" role="alert">
          The file cannot be imported this way: {message}.
        </p>
      ))}
      {refusal && !refusal.fields.mapping && !Object.keys(refusal.fields).some((f) => f.startsWith("mapping.")) && (
        <ImportRefusal refusal={refusal} />
      )}
      <div className="import__actions">
        <Button variant="primary" onClick={props.onCheck} disabled={props.busy}>
          {props.busy ? "Sending the file…" : "Check the file (dry run)"}
        </Button>
        <Button variant="ghost" onClick={props.onCancel} disabled={props.busy}>
          Choose another file
        </Button>
      </div>
    </div>
  );
}

function ImportRefusal(props: { refusal: ImportRefused }) {
  return (
    <p className="error" role="alert">
      {props.refusal.message}
    </p>
  );
}

/**
 * An import (or dry run) as it runs, from the server's own progress: the bar, the counts, the errors, and
 * what the caller shows once it has ended. `expected` is the dry run of the same file: its row count sizes
 * the bar exactly; else the browser's own count of the file does.
 */
function RunStep(props: {
  id: string;
  estimate: number | null;
  expected?: string | null;
  label: string;
  onEnd: () => void;
  children: (row: ImportRow) => ReactNode;
}) {
  const { row, error } = useImportProgress(props.id);
  const checked = useQuery(ImportRowsQuery, {
    variables: { id: props.expected ?? "" },
    skip: !props.expected,
    fetchPolicy: "cache-first",
  });
  const total = checked.data?.leadImport?.processedRows ?? props.estimate;
  const ended = row != null && row.status !== "RUNNING";
  // Told once, when the import ends: the caller's handler changes with every render.
  const onEnd = useRef(props.onEnd);
  onEnd.current = props.onEnd;
  useEffect(() => {
    if (ended) onEnd.current();
  }, [ended]);

  return (
    <div className="import__run" aria-busy={!ended}>
      <ImportProgressBar label={props.label} row={row} total={total} />
      {error && <ErrorMessage error={error} />}
      {row && <ImportSummary row={row} />}
      {row && row.errors.length > 0 && <ImportErrors row={row} />}
      {row && ended && props.children(row)}
    </div>
  );
}

const ImportRowsQuery = graphql(`
  query LeadImportRows($id: ID!) {
    leadImport(id: $id) {
      id
      processedRows
    }
  }
`);
