import type { ErrorLike } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { type FormEvent, useEffect, useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { describeError, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { LeadSource, RoutingRules_RuleFragment } from "../../gql/graphql";
import { SOURCE_LABELS } from "../../labels";

const RuleFragment = graphql(`
  fragment RoutingRules_rule on RoutingRule {
    id
    position
    source
    category
    city
    minScore
    form {
      id
      name
    }
    queue {
      id
      name
    }
  }
`);

const SetRoutingRules = graphql(`
  mutation SetRoutingRules($rules: [RoutingRuleInput!]!) {
    setRoutingRules(rules: $rules) {
      id
      ...RoutingRules_rule
    }
  }
`);

export const SOURCES = Object.keys(SOURCE_LABELS) as LeadSource[];

/** A rule in the words of the screen: what it asks of a lead. */
export function describeRule(
  rule: Pick<RoutingRules_RuleFragment, "source" | "category" | "city" | "minScore" | "form">,
) {
  const parts = [
    rule.source && `source is ${SOURCE_LABELS[rule.source]}`,
    rule.form && `form is ${rule.form.name}`,
    rule.category && `category is ${rule.category}`,
    rule.city && `city is ${rule.city}`,
    rule.minScore != null && `score at least ${rule.minScore}`,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "every lead";
}

interface RuleDraft {
  row: string;
  source: LeadSource | "";
  formId: string;
  category: string;
  city: string;
  minScore: string;
  queueId: string;
}

const draftOf = (rule: RoutingRules_RuleFragment): RuleDraft => ({
  row: rule.id,
  source: rule.source ?? "",
  formId: rule.form?.id ?? "",
  category: rule.category ?? "",
  city: rule.city ?? "",
  minScore: rule.minScore == null ? "" : String(rule.minScore),
  queueId: rule.queue.id,
});

/** What setRoutingRules is sent: a blank criterion matches any lead, so it is left out. */
const inputOf = (rule: RuleDraft) => ({
  source: rule.source || null,
  formId: rule.formId || null,
  category: rule.category.trim() || null,
  city: rule.city.trim() || null,
  minScore: rule.minScore.trim() === "" ? null : Number(rule.minScore),
  queueId: rule.queueId,
});

/**
 * The tenant's rules in evaluation order: the first whose criteria all match a
 * lead sends it to its queue. Edited as a list and saved whole (setRoutingRules
 * replaces the list); each refusal is shown on the rule and field it names.
 */
export function RoutingRulesCard(props: {
  rules: FragmentType<typeof RuleFragment>[];
  queues: { id: string; name: string }[];
  forms: { id: string; name: string }[] | null;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const rules = useFragment(RuleFragment, props.rules);
  const id = useId();
  const toast = useToast();
  const saved = rules.map((r) => JSON.stringify(draftOf(r))).join();
  const [kept, setKept] = useState<{ saved: string; rows: RuleDraft[]; made: number }>({
    saved,
    rows: rules.map(draftOf),
    made: 0,
  });
  // A save (here or by a teammate, re-read) starts the list afresh.
  const draft = kept.saved === saved ? kept : { saved, rows: rules.map(draftOf), made: kept.made };
  const [save, { loading, error, reset }] = useMutation(SetRoutingRules, {
    update: (cache, { data }) => {
      if (!data) return;
      cache.modify({
        fields: { routingRules: (_existing, { toReference }) => data.setRoutingRules.map((r) => toReference(r)) },
      });
    },
  });
  const [sentRows, setSentRows] = useState<string[]>([]);
  // What cannot be sent at all (GraphQL's Int takes no "2.5"), said on the rule like the server's refusals.
  const [local, setLocal] = useState<Record<string, Record<string, string>>>({});
  const errors = fieldErrorsOf(error);
  const dirty =
    draft.rows.map((r) => JSON.stringify(inputOf(r))).join() !==
    rules.map((r) => JSON.stringify(inputOf(draftOf(r)))).join();
  const { onDirtyChange } = props;
  // Without the forms list (a manager), the forms the rules already name can still be kept or dropped.
  const formsOfRules = [...new Map(rules.flatMap((r) => (r.form ? [[r.form.id, r.form] as const] : []))).values()];
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const rowErrors = (row: string) => {
    const index = sentRows.indexOf(row);
    const found: Record<string, string> = { ...local[row] };
    if (index < 0) return found;
    for (const [field, message] of Object.entries(errors)) {
      const match = /^rules\.(\d+)\.(\w+)$/.exec(field);
      if (match && Number(match[1]) === index) found[match[2] as string] = message;
    }
    return found;
  };
  const placedAnywhere =
    Object.keys(errors).some((field) => /^rules\.\d+\./.test(field)) || Object.keys(local).length > 0;
  const general = error && !placedAnywhere ? (errors.rules ?? describeError(error as ErrorLike)) : null;

  const setRows = (rows: RuleDraft[], made = draft.made) => setKept({ saved, rows, made });
  const change = (row: string, patch: Partial<RuleDraft>) =>
    setRows(draft.rows.map((r) => (r.row === row ? { ...r, ...patch } : r)));
  const move = (index: number, by: -1 | 1) => {
    const rows = [...draft.rows];
    const [rule] = rows.splice(index, 1);
    if (rule) rows.splice(index + by, 0, rule);
    setRows(rows);
  };
  const add = () => {
    const made = draft.made + 1;
    setRows(
      [
        ...draft.rows,
        { row: `new:${made}`, source: "", formId: "", category: "", city: "", minScore: "", queueId: "" },
      ],
      made,
    );
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    const unsendable = Object.fromEntries(
      draft.rows
        .filter((r) => r.minScore.trim() !== "" && !/^\d+$/.test(r.minScore.trim()))
        .map((r) => [r.row, { minScore: "must be a whole number between 0 and 100" }]),
    );
    setLocal(unsendable);
    if (Object.keys(unsendable).length) return;
    setSentRows(draft.rows.map((r) => r.row));
    try {
      await save({ variables: { rules: draft.rows.map(inputOf) } });
      toast.show("Routing rules saved: new leads follow them from now on");
    } catch {
      // Shown on the rules.
    }
  }

  return (
    <Card className="admin__card">
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          Routing rules
        </h2>
        <p className="muted">
          Tried from the top: the first rule whose criteria all match a new lead sends it to its queue. A criterion left
          blank matches any lead; a rule with none catches every lead that reaches it.
        </p>
        {draft.rows.length === 0 ? (
          <p className="muted">No rules: new leads stay in the pool until someone claims or routes them.</p>
        ) : (
          <ol className="admin-rules" aria-label="Rules, first tried first">
            {draft.rows.map((rule, index) => (
              <RuleItem
                key={rule.row}
                rule={rule}
                index={index}
                last={index === draft.rows.length - 1}
                queues={props.queues}
                forms={props.forms ?? formsOfRules}
                errors={rowErrors(rule.row)}
                onChange={(patch) => change(rule.row, patch)}
                onMove={(by) => move(index, by)}
                onRemove={() => setRows(draft.rows.filter((r) => r.row !== rule.row))}
              />
            ))}
          </ol>
        )}
        {general && (
          <p className="error" role="alert">
            {general}
          </p>
        )}
        {placedAnywhere && (
          <p className="error" role="alert">
            The rules were not saved: see the rules marked above.
          </p>
        )}
        <div className="form-actions">
          <Button onClick={add} disabled={props.queues.length === 0}>
            Add rule
          </Button>
          <Button type="submit" variant="primary" disabled={loading || !dirty}>
            {loading ? "Saving…" : "Save rules"}
          </Button>
          <Button
            variant="ghost"
            disabled={loading || !dirty}
            onClick={() => {
              reset();
              setRows(rules.map(draftOf));
            }}
          >
            Discard changes
          </Button>
        </div>
        {props.queues.length === 0 && <p className="muted field__hint">Add a queue first: a rule sends to one.</p>}
      </form>
    </Card>
  );
}

function RuleItem(props: {
  rule: RuleDraft;
  index: number;
  last: boolean;
  queues: { id: string; name: string }[];
  forms: { id: string; name: string }[];
  errors: Record<string, string>;
  onChange: (patch: Partial<RuleDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { rule, index, errors } = props;
  const id = useId();
  const title = `Rule ${index + 1}`;
  const field = (name: string) => ({
    id: `${id}-${name}`,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
  });
  const error = (name: string) =>
    errors[name] && (
      <span className="field__error" id={`${id}-${name}-error`}>
        {errors[name]}
      </span>
    );
  return (
    <li className="admin-rule" aria-labelledby={`${id}-title`}>
      <div className="admin-rule__head">
        <h3 className="admin__subtitle" id={`${id}-title`}>
          {title}
        </h3>
        <span className="admin-list__actions">
          <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => props.onMove(-1)}>
            <span aria-hidden="true">↑</span>
            <span className="visually-hidden">Move {title} up</span>
          </Button>
          <Button size="sm" variant="ghost" disabled={props.last} onClick={() => props.onMove(1)}>
            <span aria-hidden="true">↓</span>
            <span className="visually-hidden">Move {title} down</span>
          </Button>
          <Button size="sm" variant="ghost" onClick={props.onRemove}>
            Remove<span className="visually-hidden"> {title}</span>
          </Button>
        </span>
      </div>
      <div className="admin-rule__fields">
        <div className="field">
          <label htmlFor={`${id}-source`}>Source</label>
          <select
            {...field("source")}
            value={rule.source}
            onChange={(e) => props.onChange({ source: e.target.value as LeadSource | "" })}
          >
            <option value="">Any source</option>
            {SOURCES.map((source) => (
              <option key={source} value={source}>
                {SOURCE_LABELS[source]}
              </option>
            ))}
          </select>
          {error("source")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-formId`}>Capture form</label>
          <select {...field("formId")} value={rule.formId} onChange={(e) => props.onChange({ formId: e.target.value })}>
            <option value="">Any form or none</option>
            {props.forms.map((form) => (
              <option key={form.id} value={form.id}>
                {form.name}
              </option>
            ))}
          </select>
          {error("formId")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>Category</label>
          <input
            {...field("category")}
            value={rule.category}
            placeholder="Any"
            autoComplete="off"
            onChange={(e) => props.onChange({ category: e.target.value })}
          />
          {error("category")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-city`}>City</label>
          <input
            {...field("city")}
            value={rule.city}
            placeholder="Any"
            autoComplete="off"
            onChange={(e) => props.onChange({ city: e.target.value })}
          />
          {error("city")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-minScore`}>Score at least</label>
          <input
            {...field("minScore")}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            placeholder="Any"
            value={rule.minScore}
            onChange={(e) => props.onChange({ minScore: e.target.value })}
          />
          {error("minScore")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-queueId`}>Send to queue</label>
          <select
            {...field("queueId")}
            value={rule.queueId}
            onChange={(e) => props.onChange({ queueId: e.target.value })}
          >
            <option value="">Choose a queue…</option>
            {props.queues.map((queue) => (
              <option key={queue.id} value={queue.id}>
                {queue.name}
              </option>
            ))}
          </select>
          {error("queueId")}
        </div>
      </div>
    </li>
  );
}
