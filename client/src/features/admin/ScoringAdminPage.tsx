import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { DEFAULT_SCORING_RULES, scoringRulesPatch } from "@leadline/shared";
import { type FormEvent, useId, useMemo, useRef, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ErrorMessage, type FieldError, fieldErrorListOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql } from "../../gql";
import type { ScoreBand } from "../../gql/graphql";
import { BAND_LABELS, BAND_TONES } from "../../labels";
import { JsonEditor, type JsonEditorHandle } from "./JsonEditor";
import { lineOfPath, parseJsonWithLines } from "./json-locate";

const ScoringRulesQuery = graphql(`
  query ScoringRules {
    scoringRules
  }
`);

const SetScoringRules = graphql(`
  mutation SetScoringRules($rules: JSON!) {
    setScoringRules(rules: $rules)
  }
`);

const PreviewScore = graphql(`
  query PreviewScore($rules: JSON!, $lead: ScorePreviewLeadInput!) {
    previewScore(rules: $rules, lead: $lead) {
      score
      band
      reasons
      rules
    }
  }
`);

const format = (rules: unknown) => JSON.stringify(rules, null, 2);

/** A problem the server found with the rules, by the JSON path it names (its line is looked up in the text as it is now). */
interface RuleProblem {
  path: string;
  message: string;
}

/** The last Save or Preview the rules stopped, and what stopped it. */
interface Check {
  action: "save" | "preview";
  problems: RuleProblem[];
}

interface SampleEvent {
  key: number;
  type: string;
  count: string;
  daysAgo: string;
}

interface Preview {
  score: number;
  band: ScoreBand;
  reasons: { rule: string; points: number; detail: string }[];
  thresholds: { mql: number; sql: number };
  /** Whether the editor held unsaved changes when it was made. */
  unsaved: boolean;
}

/**
 * Issue 16's scoring rules: the effective ruleset as JSON, edited in place.
 * Save stores what differs from the defaults (scoringRulesPatch), so what
 * the editor shows is what applies; Preview scores a sample lead with the
 * server's own scoring, nothing saved. A ruleset with problems is never
 * stored: each problem is listed with its JSON path and the line it is on.
 */
export function ScoringAdminPage() {
  const id = useId();
  const toast = useToast();
  const client = useApolloClient();
  const editor = useRef<JsonEditorHandle>(null);
  const { data, error } = useQuery(ScoringRulesQuery);
  const [setRules, saving] = useMutation(SetScoringRules, {
    update(cache, result) {
      if (result.data) {
        cache.writeQuery({ query: ScoringRulesQuery, data: { scoringRules: result.data.setScoringRules } });
      }
    },
  });
  const saved = data ? format(data.scoringRules) : null;
  const [edited, setEdited] = useState<string | null>(null);
  const text = edited ?? saved ?? "";
  const parsed = useMemo(() => parseJsonWithLines(text), [text]);
  const [check, setCheck] = useState<Check | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const [jobTitle, setJobTitle] = useState("VP of Sales");
  const [events, setEvents] = useState<SampleEvent[]>([
    { key: 1, type: "page_view", count: "3", daysAgo: "0" },
    { key: 2, type: "pricing_page_view", count: "1", daysAgo: "2" },
  ]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [sampleErrors, setSampleErrors] = useState<Record<string, string>>({});
  const [previewing, setPreviewing] = useState(false);

  const dirty = saved !== null && text !== saved;
  const lineOf = (path: string) => (parsed.ok ? lineOfPath(parsed.lines, path) : null);
  const problemLines = new Set<number>(
    parsed.ok
      ? (check?.problems ?? []).flatMap((p) => {
          const line = lineOf(p.path);
          return line ? [line] : [];
        })
      : [parsed.line],
  );
  const eventTypes = useMemo(() => knownEventTypes(parsed.ok ? parsed.value : DEFAULT_SCORING_RULES), [parsed]);

  function edit(value: string) {
    setEdited(value);
    setFailure(null);
  }

  /** The patch to send, or null with the syntax problem shown (nothing is sent then). */
  function rulesToSend(action: Check["action"]): unknown | null {
    setFailure(null);
    if (!parsed.ok) {
      setCheck({ action, problems: [] });
      return null;
    }
    return scoringRulesPatch(parsed.value);
  }

  /** Splits a refusal into the rules' problems (shown by the editor) and the sample's (shown by its fields). */
  function refused(action: Check["action"], caught: unknown): boolean {
    const fields = fieldErrorListOf(caught);
    if (fields.length === 0) {
      setCheck(null);
      setFailure(caught);
      return false;
    }
    const isSample = (f: FieldError) => f.field.startsWith("lead.");
    setCheck({
      action,
      problems: fields.filter((f) => !isSample(f)).map((f) => ({ path: f.field, message: f.message })),
    });
    setSampleErrors(Object.fromEntries(fields.filter(isSample).map((f) => [f.field, f.message])));
    return true;
  }

  async function onSave() {
    const rules = rulesToSend("save");
    if (rules === null) return;
    try {
      const result = await setRules({ variables: { rules } });
      setCheck(null);
      // The editor shows the saved rules as the server answered them (written to the cache by `update`).
      if (result.data) setEdited(null);
      toast.show("Scoring rules saved: every lead is being rescored with them");
    } catch (caught) {
      refused("save", caught);
    }
  }

  async function onPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const rules = rulesToSend("preview");
    if (rules === null) return;
    // A count is a whole number: said here, as GraphQL would refuse the whole request without naming the field.
    const counts = Object.fromEntries(
      events.flatMap((e, i) => {
        const count = toNumber(e.count);
        return count === null || Number.isInteger(count) ? [] : [[`lead.events.${i}.count`, "must be a whole number"]];
      }),
    );
    setSampleErrors(counts);
    if (Object.keys(counts).length > 0) return;
    setPreviewing(true);
    try {
      const result = await client.query({
        query: PreviewScore,
        fetchPolicy: "no-cache",
        variables: {
          rules,
          lead: {
            jobTitle: jobTitle.trim() || null,
            // Every row, blank ones too: the server's errors name rows by their index here.
            events: events.map((e) => ({ type: e.type, count: toNumber(e.count), daysAgo: toNumber(e.daysAgo) })),
          },
        },
      });
      const answer = result.data?.previewScore;
      if (answer) {
        const effective = answer.rules as { thresholds: { mql: { score: number }; sql: { score: number } } };
        setPreview({
          score: answer.score,
          band: answer.band,
          reasons: Array.isArray(answer.reasons) ? (answer.reasons as Preview["reasons"]) : [],
          thresholds: { mql: effective.thresholds.mql.score, sql: effective.thresholds.sql.score },
          unsaved: dirty,
        });
        setCheck(null);
      }
    } catch (caught) {
      if (refused("preview", caught)) setPreview(null);
    } finally {
      setPreviewing(false);
    }
  }

  const problemsId = `${id}-problems`;
  const statusId = `${id}-status`;
  const showProblems = check !== null && (!parsed.ok || check.problems.length > 0);

  return (
    <section className="admin admin--wide">
      <h1 className="page-title">Scoring rules</h1>
      {error && !data && <ErrorMessage error={error} />}
      {!data && !error && <p className="muted">Loading…</p>}
      {data && (
        <div className="scoring">
          <Card className="admin__card scoring__rules">
            <section aria-labelledby={`${id}-title`}>
              <div className="admin__head">
                <h2 className="admin__title" id={`${id}-title`}>
                  Ruleset (JSON)
                </h2>
                {dirty && <Badge tone="warning">Unsaved changes</Badge>}
              </div>
              <p className="muted" id={`${id}-help`}>
                The rules every lead is scored with: event <code>weights</code> (points and cap per event type), ICP{" "}
                <code>titleKeywords</code>, <code>negativeSignals</code>, <code>decay</code>, the MQL and SQL{" "}
                <code>thresholds</code> and the <code>bands</code>. Saving rescores every lead in the background.
              </p>
              <JsonEditor
                id={`${id}-json`}
                labelledBy={`${id}-title`}
                ref={editor}
                value={text}
                onChange={edit}
                problemLines={problemLines}
                invalid={!parsed.ok || (check?.problems.length ?? 0) > 0}
                describedBy={`${id}-help ${statusId}${showProblems ? ` ${problemsId}` : ""}`}
              />
              <p className="json-editor__status muted" id={statusId}>
                {parsed.ok ? (
                  "Valid JSON."
                ) : (
                  <span className="json-editor__syntax">
                    Line {parsed.line}, column {parsed.column}: {parsed.message}.
                  </span>
                )}
              </p>
              {showProblems && check && (
                <Problems
                  id={problemsId}
                  check={check}
                  syntax={parsed.ok ? null : parsed}
                  lineOf={lineOf}
                  goToLine={(line) => editor.current?.goToLine(line)}
                />
              )}
              {failure !== null && <ErrorMessage error={failure as Error} />}
              <div className="admin__actions">
                <Button variant="primary" onClick={() => void onSave()} disabled={saving.loading}>
                  {saving.loading ? "Saving…" : "Save rules"}
                </Button>
                <Button onClick={() => edit(saved ?? "")} disabled={!dirty}>
                  Discard changes
                </Button>
                <Button variant="ghost" onClick={() => edit(format(DEFAULT_SCORING_RULES))}>
                  Load the defaults
                </Button>
              </div>
            </section>
          </Card>
          <Card className="admin__card scoring__preview">
            <section aria-labelledby={`${id}-preview-title`}>
              <h2 className="admin__title" id={`${id}-preview-title`}>
                Preview on a sample lead
              </h2>
              <p className="muted">
                Scores this lead with the rules in the editor, saved or not, exactly as the server would. Nothing is
                stored.
              </p>
              <SampleLeadForm
                jobTitle={jobTitle}
                onJobTitle={setJobTitle}
                events={events}
                onEvents={setEvents}
                eventTypes={eventTypes}
                errors={sampleErrors}
                busy={previewing}
                onSubmit={(event) => void onPreview(event)}
              />
              {preview && <PreviewResult preview={preview} />}
            </section>
          </Card>
        </div>
      )}
    </section>
  );
}

function Problems(props: {
  id: string;
  check: Check;
  syntax: { message: string; line: number; column: number } | null;
  lineOf: (path: string) => number | null;
  goToLine: (line: number) => void;
}) {
  const { check, syntax } = props;
  const count = syntax ? 1 : check.problems.length;
  const what = check.action === "save" ? "Not saved" : "Not previewed";
  return (
    <div className="rule-problems" id={props.id} role="alert">
      <p className="rule-problems__title">
        {what}: {count === 1 ? "1 problem" : `${count} problems`} in the rules.
      </p>
      <ul className="rule-problems__list">
        {syntax ? (
          <li>
            <LineButton line={syntax.line} goToLine={props.goToLine} /> {syntax.message} (column {syntax.column}).
          </li>
        ) : (
          check.problems.map((problem) => {
            const line = problem.path === "rules" ? null : props.lineOf(problem.path);
            return (
              <li key={`${problem.path}:${problem.message}`}>
                {line !== null && <LineButton line={line} goToLine={props.goToLine} />}{" "}
                <code className="rule-problems__path">
                  {problem.path === "rules" ? "(the whole ruleset)" : problem.path}
                </code>{" "}
                {problem.message}
              </li>
            );
          })
        )}
      </ul>
    </div>
  );
}

function LineButton(props: { line: number; goToLine: (line: number) => void }) {
  return (
    <button type="button" className="link-button" onClick={() => props.goToLine(props.line)}>
      Line {props.line}
    </button>
  );
}

function SampleLeadForm(props: {
  jobTitle: string;
  onJobTitle: (value: string) => void;
  events: SampleEvent[];
  onEvents: (events: SampleEvent[]) => void;
  eventTypes: string[];
  errors: Record<string, string>;
  busy: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const id = useId();
  const { events, errors } = props;
  const change = (key: number, patch: Partial<SampleEvent>) =>
    props.onEvents(events.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  const nextKey = Math.max(0, ...events.map((e) => e.key)) + 1;
  const fieldError = (field: string, errorId: string) =>
    errors[field] ? (
      <span className="field__error" id={errorId}>
        {errors[field]}
      </span>
    ) : null;

  return (
    <form className="sample-lead" onSubmit={props.onSubmit} noValidate aria-label="Sample lead">
      <div className="field">
        <label htmlFor={`${id}-title`}>Job title</label>
        <input
          id={`${id}-title`}
          value={props.jobTitle}
          onChange={(e) => props.onJobTitle(e.target.value)}
          autoComplete="off"
          aria-invalid={errors["lead.jobTitle"] ? true : undefined}
          aria-describedby={errors["lead.jobTitle"] ? `${id}-title-error` : undefined}
        />
        {fieldError("lead.jobTitle", `${id}-title-error`)}
      </div>
      <fieldset className="sample-lead__events">
        <legend>Tracking events</legend>
        <datalist id={`${id}-types`}>
          {props.eventTypes.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        {events.length === 0 && <p className="muted">No events: the title alone is scored.</p>}
        {events.map((event, index) => {
          const path = `lead.events.${index}`;
          const rowId = `${id}-event-${event.key}`;
          const n = index + 1;
          return (
            <div className="sample-lead__event" key={event.key}>
              <div className="field">
                <label htmlFor={`${rowId}-type`}>Event {n} type</label>
                <input
                  id={`${rowId}-type`}
                  list={`${id}-types`}
                  value={event.type}
                  onChange={(e) => change(event.key, { type: e.target.value })}
                  autoComplete="off"
                  aria-invalid={errors[`${path}.type`] ? true : undefined}
                  aria-describedby={errors[`${path}.type`] ? `${rowId}-type-error` : undefined}
                />
                {fieldError(`${path}.type`, `${rowId}-type-error`)}
              </div>
              <div className="field sample-lead__number">
                <label htmlFor={`${rowId}-count`}>Event {n} count</label>
                <input
                  id={`${rowId}-count`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={1000}
                  value={event.count}
                  onChange={(e) => change(event.key, { count: e.target.value })}
                  aria-invalid={errors[`${path}.count`] ? true : undefined}
                  aria-describedby={errors[`${path}.count`] ? `${rowId}-count-error` : undefined}
                />
                {fieldError(`${path}.count`, `${rowId}-count-error`)}
              </div>
              <div className="field sample-lead__number">
                <label htmlFor={`${rowId}-days`}>Event {n} days ago</label>
                <input
                  id={`${rowId}-days`}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step="any"
                  value={event.daysAgo}
                  onChange={(e) => change(event.key, { daysAgo: e.target.value })}
                  aria-invalid={errors[`${path}.daysAgo`] ? true : undefined}
                  aria-describedby={errors[`${path}.daysAgo`] ? `${rowId}-days-error` : undefined}
                />
                {fieldError(`${path}.daysAgo`, `${rowId}-days-error`)}
              </div>
              <Button
                size="sm"
                variant="ghost"
                className="sample-lead__remove"
                onClick={() => props.onEvents(events.filter((e) => e.key !== event.key))}
              >
                Remove event {n}
              </Button>
            </div>
          );
        })}
        {errors["lead.events"] && <span className="field__error">{errors["lead.events"]}</span>}
        <div>
          <Button
            size="sm"
            onClick={() => props.onEvents([...events, { key: nextKey, type: "", count: "1", daysAgo: "0" }])}
          >
            Add event
          </Button>
        </div>
      </fieldset>
      <div>
        <Button type="submit" variant="primary" disabled={props.busy}>
          {props.busy ? "Scoring…" : "Preview score"}
        </Button>
      </div>
    </form>
  );
}

function PreviewResult(props: { preview: Preview }) {
  const { preview } = props;
  const reached =
    preview.score >= preview.thresholds.sql
      ? `Reaches the SQL threshold (${preview.thresholds.sql}).`
      : preview.score >= preview.thresholds.mql
        ? `Reaches the MQL threshold (${preview.thresholds.mql}), not SQL (${preview.thresholds.sql}).`
        : `Below the MQL threshold (${preview.thresholds.mql}).`;
  return (
    <div className="score-preview" role="status" aria-live="polite" aria-label="Preview result">
      <p className="score-preview__score">
        <span>Score</span>
        <strong>{preview.score}</strong>
        <Badge tone={BAND_TONES[preview.band]}>{BAND_LABELS[preview.band]}</Badge>
      </p>
      <p className="muted">
        {reached} {preview.unsaved ? "With the rules in the editor, not saved." : "With the saved rules."}
      </p>
      {preview.reasons.length > 0 ? (
        <ul className="score-reasons" aria-label="Reasons">
          {preview.reasons.map((reason) => (
            <li key={`${reason.rule}:${reason.detail}`}>
              <span>
                {reason.detail} <code className="muted">{reason.rule}</code>
              </span>
              <span className={reason.points < 0 ? "score-reasons__neg" : "score-reasons__pos"}>
                {reason.points > 0 ? "+" : ""}
                {reason.points}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No rule gives this lead points.</p>
      )}
    </div>
  );
}

/** The event types a ruleset names, for the sample's suggestions. */
function knownEventTypes(rules: unknown): string[] {
  const keys = (value: unknown) => (value && typeof value === "object" ? Object.keys(value) : []);
  const r = (rules ?? {}) as { weights?: unknown; negativeSignals?: { events?: unknown } };
  return [...new Set([...keys(r.weights), ...keys(r.negativeSignals?.events)])];
}

/** A number input's value for the API: blank is left to the server's default; anything else is sent for it to judge. */
function toNumber(value: string): number | null {
  if (value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
