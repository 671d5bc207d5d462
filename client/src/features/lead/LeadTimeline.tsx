import { useMutation } from "@apollo/client/react";
import { type FormEvent, useId, useRef, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { describeError } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { AttachmentInput, LeadEventType } from "../../gql/graphql";
import { dateTime } from "./date-time";
import { ACCEPTED_FILES, uploadFile } from "./upload";

const LeadTimelineFragment = graphql(`
  fragment LeadTimeline_lead on Lead {
    id
    readOnly
    activities(first: 50) {
      edges {
        node {
          id
          type
          data
          createdAt
          actor {
            id
            name
          }
        }
      }
    }
  }
`);

const AddNote = graphql(`
  mutation AddNote($id: ID!, $body: String!, $attachments: [AttachmentInput!]) {
    addNote(id: $id, body: $body, attachments: $attachments) {
      id
    }
  }
`);

const EVENT_LABELS: Record<LeadEventType, string> = {
  CREATED: "Created",
  UPDATED: "Edited",
  STATUS_CHANGED: "Stage changed",
  ASSIGNED: "Assigned",
  CLAIMED: "Claimed",
  RELEASED: "Released",
  ROUTED: "Routed",
  NOTE_ADDED: "Note",
  MESSAGE: "Message",
  MESSAGE_STATUS: "Message status",
  SCORE_CHANGED: "Score changed",
  SLA_CHANGED: "SLA changed",
  MERGED: "Merged",
  CONVERTED: "Converted",
  DELETED: "Deleted",
};

/** The few words worth showing from an event's data: a note's text, a stage move, a score. */
function summary(type: LeadEventType, data: unknown): string | null {
  if (typeof data !== "object" || data === null) return null;
  const d = data as Record<string, unknown>;
  if (type === "NOTE_ADDED" && typeof d.body === "string") return d.body;
  if (type === "STATUS_CHANGED" && typeof d.to === "string") return `${d.from ?? "?"} → ${d.to}`;
  if (type === "SCORE_CHANGED" && typeof d.to === "number") return `${d.from ?? "?"} → ${d.to}`;
  if (type === "UPDATED" && typeof d.changes === "object" && d.changes !== null) {
    return `Changed ${Object.keys(d.changes).join(", ")}`;
  }
  return null;
}

/** The lead's history, newest first, with a form to add a note (and photos) to it. */
export function LeadTimeline(props: { lead: FragmentType<typeof LeadTimelineFragment> }) {
  const lead = useFragment(LeadTimelineFragment, props.lead);
  const id = useId();
  const toast = useToast();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const [addNote] = useMutation(AddNote);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setError("Write something first");
      return;
    }
    setSending(true);
    try {
      const files = Array.from(fileRef.current?.files ?? []);
      const attachments: AttachmentInput[] = [];
      for (const file of files) {
        attachments.push(
          await uploadFile(file, lead.id).catch((refused: Error) => {
            throw new Error(`${file.name} was not uploaded: ${refused.message}`);
          }),
        );
      }
      await addNote({ variables: { id: lead.id, body: body.trim(), attachments } });
      setBody("");
      setError(null);
      if (fileRef.current) fileRef.current.value = "";
    } catch (e) {
      toast.show(describeError(e as Error), "danger");
    } finally {
      setSending(false);
    }
  }

  const activities = lead.activities.edges.map((e) => e.node);
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lead-section__title">
        Activity
      </h2>
      {!lead.readOnly && (
        <form className="note-form" onSubmit={onSubmit}>
          <label htmlFor={`${id}-note`} className="visually-hidden">
            New note
          </label>
          <textarea
            id={`${id}-note`}
            rows={2}
            placeholder="Add a note…"
            value={body}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setBody(e.target.value)}
          />
          {error && <span className="field__error">{error}</span>}
          <div className="note-form__actions">
            <label className="note-form__file">
              <span>Photo</span>
              <input ref={fileRef} type="file" accept={ACCEPTED_FILES} multiple />
            </label>
            <Button size="sm" variant="primary" type="submit" disabled={sending}>
              {sending ? "Adding…" : "Add note"}
            </Button>
          </div>
        </form>
      )}
      {activities.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="timeline" aria-label="Activity timeline">
          {activities.map((a) => {
            const text = summary(a.type, a.data);
            return (
              <li key={a.id} className="timeline__item" data-type={a.type}>
                <div className="timeline__head">
                  <strong>{EVENT_LABELS[a.type]}</strong>
                  <span className="muted">
                    {a.actor ? `${a.actor.name} · ` : ""}
                    <time dateTime={a.createdAt}>{dateTime.format(new Date(a.createdAt))}</time>
                  </span>
                </div>
                {text && <p className="timeline__text">{text}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
