import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ErrorMessage, reasonOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql } from "../../gql";
import { dateTime } from "../lead/date-time";

const MailboxQuery = graphql(`
  query DevMailbox {
    devMailbox {
      id
      from
      to
      subject
      text
      replyTo
      receivedAt
    }
  }
`);

const ReplyInMailbox = graphql(`
  mutation ReplyInDevMailbox($id: ID!, $body: String!) {
    replyInDevMailbox(id: $id, body: $body)
  }
`);

/**
 * The development mailbox (embedded default, no SMTP_URL): every mail
 * Leadline sent, as its recipient got it. Answering one sends a real reply
 * over SMTP, which lands on the lead like a customer's would.
 */
export function MailboxPage() {
  const { data, error, loading, refetch } = useQuery(MailboxQuery, { pollInterval: 2_000 });
  if (error && !data) {
    if (reasonOf(error) === "INVALID_STATE") {
      return (
        <section className="empty">
          <h1>No development mailbox</h1>
          <p>This server sends real mail (SMTP_URL is set), so there is nothing to show here.</p>
        </section>
      );
    }
    return <ErrorMessage error={error} />;
  }
  if (loading && !data) return <p className="muted">Loading…</p>;
  const mails = data?.devMailbox ?? [];
  return (
    <section className="mailbox">
      <h1 className="page-title">Development mailbox</h1>
      <p className="muted">
        Mail Leadline sent on this server, newest first. Nothing leaves the machine: answer a mail to play the customer.
      </p>
      {mails.length === 0 && <p className="muted">No mail yet. Reply to a lead by email to see it here.</p>}
      <ol className="mailbox__list" aria-label="Mail">
        {mails.map((mail) => (
          <li key={mail.id}>
            <MailCard mail={mail} onReplied={() => void refetch()} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function MailCard(props: {
  mail: {
    id: string;
    from: string;
    to: string[];
    subject: string;
    text: string;
    replyTo?: string | null;
    receivedAt: string;
  };
  onReplied: () => void;
}) {
  const { mail } = props;
  const id = useId();
  const toast = useToast();
  const [body, setBody] = useState("");
  const [reply, replying] = useMutation(ReplyInMailbox);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await reply({ variables: { id: mail.id, body } })
      .then(() => {
        setBody("");
        toast.show("Reply sent");
        props.onReplied();
      })
      .catch((error: Error) => toast.show(error.message, "danger"));
  }
  return (
    <Card className="mailbox__mail" role="article" aria-labelledby={`${id}-subject`}>
      <h2 id={`${id}-subject`} className="lead-section__title">
        {mail.subject || "(no subject)"}
      </h2>
      <p className="muted message__meta">
        From {mail.from} · to {mail.to.join(", ")} · {dateTime.format(new Date(mail.receivedAt))}
      </p>
      <p className="message__body">{mail.text}</p>
      {mail.replyTo && (
        <form className="stack-form" onSubmit={(event) => void onSubmit(event)}>
          <div className="field">
            <label htmlFor={`${id}-reply`}>Reply as {mail.to[0]}</label>
            <textarea id={`${id}-reply`} rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          <div className="lead-section__actions">
            <Button size="sm" type="submit" disabled={replying.loading || !body.trim()}>
              Send reply
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
