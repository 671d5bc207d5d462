import { useMutation } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Badge, type BadgeTone } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { fieldErrorsOf } from "../../components/ErrorMessage";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { DeliveryState, MessageChannel } from "../../gql/graphql";
import { dateTime } from "./date-time";
import { useLeadAction } from "./useLeadAction";

const MessagesCardFragment = graphql(`
  fragment MessagesCard_lead on Lead {
    id
    readOnly
    email
    phone
    messages {
      id
      channel
      direction
      to
      from
      subject
      body
      deliveryState
      createdAt
    }
  }
`);

const SendMessage = graphql(`
  mutation SendMessage($id: ID!, $channel: MessageChannel!, $body: String!, $subject: String) {
    sendMessage(id: $id, channel: $channel, body: $body, subject: $subject) {
      id
      deliveryState
    }
  }
`);

const STATE_LABELS: Record<DeliveryState, string> = {
  QUEUED: "Sending…",
  SENT: "Sent",
  DELIVERED: "Delivered",
  FAILED: "Failed",
  BOUNCED: "Bounced",
  RECEIVED: "Received",
};
const STATE_TONES: Record<DeliveryState, BadgeTone> = {
  QUEUED: "neutral",
  SENT: "info",
  DELIVERED: "success",
  FAILED: "danger",
  BOUNCED: "danger",
  RECEIVED: "info",
};

/**
 * The conversation with the lead's person, oldest first, and a composer to
 * reply by email or SMS. The server sends it; each message's state follows
 * live (the page reads the lead again on every MESSAGE_STATUS event).
 */
export function MessagesCard(props: { lead: FragmentType<typeof MessagesCardFragment> }) {
  const lead = useFragment(MessagesCardFragment, props.lead);
  const id = useId();
  const act = useLeadAction();
  const channels: MessageChannel[] = [
    ...(lead.email ? ["EMAIL" as const] : []),
    ...(lead.phone ? ["SMS" as const] : []),
  ];
  const [channel, setChannel] = useState<MessageChannel>(channels[0] ?? "EMAIL");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [send, sending] = useMutation(SendMessage, { refetchQueries: ["LeadPage"] });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    try {
      await send({
        variables: { id: lead.id, channel, body, subject: channel === "EMAIL" ? subject.trim() || null : null },
      });
      setErrors({});
      setBody("");
      setSubject("");
    } catch (error) {
      const fields = fieldErrorsOf(error as Error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) await act(() => Promise.reject(error));
    }
  }

  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lead-section__title">
        Messages
      </h2>
      {lead.messages.length === 0 ? (
        <p className="muted">No messages yet. The first reply stops the SLA clock.</p>
      ) : (
        <ol className="message-thread" aria-label="Conversation">
          {lead.messages.map((m) => (
            <li key={m.id} className={`message message--${m.direction.toLowerCase()}`}>
              <p className="message__meta muted">
                {m.direction === "OUTBOUND" ? `To ${m.to}` : `From ${m.from ?? "unknown"}`} ·{" "}
                {m.channel === "EMAIL" ? "Email" : "SMS"} · {dateTime.format(new Date(m.createdAt))}{" "}
                <Badge tone={STATE_TONES[m.deliveryState]}>{STATE_LABELS[m.deliveryState]}</Badge>
              </p>
              {m.subject && <p className="message__subject">{m.subject}</p>}
              <p className="message__body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {!lead.readOnly && channels.length > 0 && (
        <form className="stack-form" onSubmit={onSubmit} aria-label="Reply">
          <div className="field">
            <label htmlFor={`${id}-channel`}>Reply by</label>
            <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as MessageChannel)}>
              {channels.map((c) => (
                <option key={c} value={c}>
                  {c === "EMAIL" ? `Email (${lead.email})` : `SMS (${lead.phone})`}
                </option>
              ))}
            </select>
            {errors.channel && <span className="field__error">{errors.channel}</span>}
          </div>
          {channel === "EMAIL" && (
            <div className="field">
              <label htmlFor={`${id}-subject`}>Subject</label>
              <input id={`${id}-subject`} value={subject} onChange={(e) => setSubject(e.target.value)} />
              {errors.subject && <span className="field__error">{errors.subject}</span>}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-body`}>Message</label>
            <textarea
              id={`${id}-body`}
              rows={4}
              value={body}
              aria-invalid={errors.body ? true : undefined}
              onChange={(e) => setBody(e.target.value)}
            />
            {errors.body && <span className="field__error">{errors.body}</span>}
          </div>
          <div className="lead-section__actions">
            <Button size="sm" variant="primary" type="submit" disabled={sending.loading || !body.trim()}>
              Send
            </Button>
          </div>
        </form>
      )}
      {!lead.readOnly && channels.length === 0 && (
        <p className="muted">Add an email address or a phone number to reply.</p>
      )}
    </Card>
  );
}
