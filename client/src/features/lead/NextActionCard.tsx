import { useMutation } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { fieldErrorsOf } from "../../components/ErrorMessage";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { NextActionType } from "../../gql/graphql";
import { dateTime, toLocalInput } from "./date-time";
import { useLeadAction } from "./useLeadAction";

const NextActionCardFragment = graphql(`
  fragment NextActionCard_lead on Lead {
    id
    readOnly
    nextAction {
      type
      dueAt
      note
    }
  }
`);

const SetNextAction = graphql(`
  mutation SetNextAction($id: ID!, $type: NextActionType!, $dueAt: DateTime!, $note: String) {
    setNextAction(id: $id, type: $type, dueAt: $dueAt, note: $note) {
      id
      version
      ...NextActionCard_lead
    }
  }
`);
const ClearNextAction = graphql(`
  mutation ClearNextAction($id: ID!) {
    clearNextAction(id: $id) {
      id
      version
      ...NextActionCard_lead
    }
  }
`);

const ACTION_TYPES: { id: NextActionType; label: string }[] = [
  { id: "CALL", label: "Call" },
  { id: "FOLLOW_UP", label: "Follow up" },
  { id: "REPLY", label: "Reply" },
  { id: "REVIEW_REQUEST", label: "Review request" },
];

/** A datetime-local value for an hour from now, in the browser's zone. */
function inAnHour(): string {
  return toLocalInput(new Date(Date.now() + 3_600_000));
}

/** The lead's next action, and a form to schedule, reschedule or clear it. */
export function NextActionCard(props: { lead: FragmentType<typeof NextActionCardFragment> }) {
  const lead = useFragment(NextActionCardFragment, props.lead);
  const id = useId();
  const act = useLeadAction();
  const [type, setType] = useState<NextActionType>("CALL");
  const [dueAt, setDueAt] = useState(inAnHour);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [setAction, setting] = useMutation(SetNextAction);
  const [clearAction, clearing] = useMutation(ClearNextAction, { variables: { id: lead.id } });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const due = new Date(dueAt);
    if (Number.isNaN(due.getTime())) {
      setErrors({ dueAt: "is not a valid date" });
      return;
    }
    try {
      await setAction({ variables: { id: lead.id, type, dueAt: due.toISOString(), note: note.trim() || null } });
      setErrors({});
      setNote("");
    } catch (error) {
      const fields = fieldErrorsOf(error as Error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) await act(() => Promise.reject(error));
    }
  }

  const current = lead.nextAction;
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lead-section__title">
        Next action
      </h2>
      <p className="lead-section__value">
        {current
          ? `${ACTION_TYPES.find((t) => t.id === current.type)?.label ?? current.type} · ${dateTime.format(new Date(current.dueAt))}${current.note ? ` · ${current.note}` : ""}`
          : "None scheduled"}
      </p>
      {!lead.readOnly && (
        <form className="stack-form" onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor={`${id}-type`}>Type</label>
            <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as NextActionType)}>
              {ACTION_TYPES.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>Due</label>
            <input
              id={`${id}-due`}
              type="datetime-local"
              value={dueAt}
              aria-invalid={errors.dueAt ? true : undefined}
              onChange={(e) => setDueAt(e.target.value)}
            />
            {errors.dueAt && <span className="field__error">{errors.dueAt}</span>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-note`}>Note</label>
            <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
            {errors.note && <span className="field__error">{errors.note}</span>}
          </div>
          <div className="lead-section__actions">
            <Button size="sm" variant="primary" type="submit" disabled={setting.loading}>
              {current ? "Reschedule" : "Schedule"}
            </Button>
            {current && (
              <Button size="sm" variant="ghost" disabled={clearing.loading} onClick={() => act(clearAction, "Cleared")}>
                Clear
              </Button>
            )}
          </div>
        </form>
      )}
    </Card>
  );
}
