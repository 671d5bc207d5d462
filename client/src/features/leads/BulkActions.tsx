import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Button } from "../../components/Button";
import { graphql } from "../../gql";
import type { BulkLeadActionInput } from "../../gql/graphql";
import { AssignableUsersQuery } from "../team/assignable-users";
import { LeadFilterOptionsQuery } from "./LeadFilters";

const BulkUpdateLeads = graphql(`
  mutation BulkUpdateLeads($ids: [ID!]!, $action: BulkLeadActionInput!) {
    bulkUpdateLeads(ids: $ids, action: $action) {
      succeeded {
        id
        ...LeadTable_lead
      }
      failed {
        id
        code
        reason
        message
      }
    }
  }
`);

const QueuesQuery = graphql(`
  query BulkQueues {
    queues {
      id
      name
    }
  }
`);

/** What the last bulk action did, told in place until the next one. */
interface BulkReport {
  verb: string;
  done: number;
  refused: { id: string; label: string; message: string }[];
}

/**
 * The bar over the leads list when rows are selected: assign (managers),
 * move to a stage, add to a queue (managers). One request per action; the
 * server applies each lead's own rules and answers which it refused and why:
 * those stay selected, the rest are done.
 */
export function BulkActions(props: {
  selected: ReadonlySet<string>;
  onSelected: (selected: ReadonlySet<string>) => void;
  /** `#12 Name` for a lead id of the list, for the report. */
  labelOf: (id: string) => string;
  manage: boolean;
  onDone: () => void;
}) {
  const { selected, manage } = props;
  const [run, { loading, error }] = useMutation(BulkUpdateLeads);
  const [report, setReport] = useState<BulkReport | null>(null);
  const team = useQuery(AssignableUsersQuery, { skip: !manage }).data?.assignableUsers ?? [];
  const queues = useQuery(QueuesQuery, { skip: !manage }).data?.queues ?? [];
  const { data: options } = useQuery(LeadFilterOptionsQuery);
  const stages = new Map<string, string>();
  for (const pipeline of options?.pipelines ?? []) for (const s of pipeline.stages) stages.set(s.key, s.label);

  async function apply(action: BulkLeadActionInput, verb: string): Promise<void> {
    const ids = [...selected];
    const result = await run({ variables: { ids, action } }).catch(() => null);
    const outcome = result?.data?.bulkUpdateLeads;
    if (!outcome) return;
    setReport({
      verb,
      done: outcome.succeeded.length,
      refused: outcome.failed.map((f) => ({ id: f.id, label: props.labelOf(f.id), message: f.message })),
    });
    props.onSelected(new Set(outcome.failed.map((f) => f.id)));
    props.onDone();
  }

  return (
    <section className="bulk" aria-label="Bulk actions">
      {selected.size > 0 && (
        <div className="bulk__bar">
          <strong className="bulk__count">{selected.size} selected</strong>
          {manage && (
            <PickAndApply
              label="Assign to"
              button="Assign"
              disabled={loading}
              options={[
                { value: "__pool", label: "Unassigned (pool)" },
                ...team.map((u) => ({ value: u.id, label: u.name })),
              ]}
              onApply={(value) => apply(value === "__pool" ? { unassign: true } : { assignTo: value }, "Assigned")}
            />
          )}
          <PickAndApply
            label="Move to"
            button="Move"
            disabled={loading}
            options={[...stages].map(([key, label]) => ({ value: key, label }))}
            onApply={(moveTo) => apply({ moveTo }, "Moved")}
          />
          {manage && queues.length > 0 && (
            <PickAndApply
              label="Add to queue"
              button="Add"
              disabled={loading}
              options={queues.map((q) => ({ value: q.id, label: q.name }))}
              onApply={(queueId) => apply({ queueId }, "Added to the queue")}
            />
          )}
          <Button variant="ghost" size="sm" onClick={() => props.onSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      )}
      <div role="status" className="bulk__report">
        {error && <p className="error">{error.message}</p>}
        {report && (
          <div className={report.refused.length ? "bulk__result bulk__result--partial" : "bulk__result"}>
            <p>
              {report.verb} {report.done} {report.done === 1 ? "lead" : "leads"}
              {report.refused.length > 0 && `; ${report.refused.length} refused (still selected):`}
            </p>
            {report.refused.length > 0 && (
              <ul>
                {report.refused.map((r) => (
                  <li key={r.id}>
                    <strong>{r.label}</strong>: {r.message}
                  </li>
                ))}
              </ul>
            )}
            <Button variant="ghost" size="sm" onClick={() => setReport(null)}>
              Dismiss
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}

function PickAndApply(props: {
  label: string;
  button: string;
  options: { value: string; label: string }[];
  disabled: boolean;
  onApply: (value: string) => Promise<void>;
}) {
  const id = useId();
  const [value, setValue] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value) void props.onApply(value);
  };
  return (
    <form className="inline-field" onSubmit={submit}>
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={value} onChange={(event) => setValue(event.target.value)}>
        <option value="">Choose…</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Button type="submit" size="sm" disabled={!value || props.disabled}>
        {props.button}
      </Button>
    </form>
  );
}
