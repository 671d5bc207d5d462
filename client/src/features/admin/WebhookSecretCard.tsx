import { useMutation } from "@apollo/client/react";
import { useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ErrorMessage } from "../../components/ErrorMessage";
import { graphql } from "../../gql";
import { dateTime } from "../lead/date-time";
import { OnceSecret } from "./OnceSecret";

const RotateWebhookSecret = graphql(`
  mutation RotateWebhookSecret {
    rotateWebhookSecret {
      secret
      previousValidUntil
    }
  }
`);

/**
 * The inbound webhook's signing secret. The server keeps it sealed and never shows it again, so the only thing to
 * do here is to replace it; the one it replaces keeps verifying for a day while senders switch over.
 */
export function WebhookSecretCard() {
  const id = useId();
  const [rotate, { data, loading, error, reset }] = useMutation(RotateWebhookSecret);
  const [shown, setShown] = useState(false);
  const rotated = shown ? data?.rotateWebhookSecret : undefined;

  async function onRotate() {
    setShown(false);
    try {
      await rotate();
      setShown(true);
    } catch {
      // Shown below.
    }
  }

  return (
    <Card className="admin__card">
      <section aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          Inbound webhook secret
        </h2>
        <p className="muted">
          Senders sign what they post to <code>/hooks/leads/&lt;workspace&gt;</code> with it (Standard Webhooks). A new
          secret is shown once; the one it replaces keeps working for 24 hours.
        </p>
        {rotated ? (
          <OnceSecret
            label="The new signing secret"
            secret={rotated.secret}
            note={
              rotated.previousValidUntil
                ? `The previous secret verifies until ${dateTime.format(new Date(rotated.previousValidUntil))}.`
                : undefined
            }
            onDone={() => {
              setShown(false);
              reset();
            }}
          />
        ) : (
          <Button onClick={() => void onRotate()} disabled={loading}>
            {loading ? "Rotating…" : "Rotate secret"}
          </Button>
        )}
        {error && <ErrorMessage error={error} />}
      </section>
    </Card>
  );
}
