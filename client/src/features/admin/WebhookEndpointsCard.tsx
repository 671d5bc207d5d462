import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Dialog } from "../../components/Dialog";
import { describeError, ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { LeadEventType, WebhookDeliveryRow_DeliveryFragment } from "../../gql/graphql";
import { dateTime } from "../lead/date-time";
import { OnceSecret } from "./OnceSecret";

/** Every event type an endpoint can ask for, by its API name (what the integrator's payloads carry). */
const EVENT_TYPES = Object.keys({
  CREATED: true,
  UPDATED: true,
  STATUS_CHANGED: true,
  ASSIGNED: true,
  CLAIMED: true,
  RELEASED: true,
  ROUTED: true,
  NOTE_ADDED: true,
  MESSAGE: true,
  MESSAGE_STATUS: true,
  SCORE_CHANGED: true,
  SLA_CHANGED: true,
  MERGED: true,
  CONVERTED: true,
  DELETED: true,
} satisfies Record<LeadEventType, true>) as LeadEventType[];

/** How many deliveries each endpoint's log shows. */
const LOG_SIZE = 20;

const DeliveryFragment = graphql(`
  fragment WebhookDeliveryRow_delivery on WebhookDelivery {
    id
    eventSequence
    eventType
    attempt
    statusCode
    lastError
    deliveredAt
    nextAttemptAt
    createdAt
  }
`);

const EndpointFragment = graphql(`
  fragment WebhookEndpointItem_endpoint on WebhookEndpoint {
    id
    url
    eventTypes
    active
    disabledReason
    failingSince
    deliveries(first: $logSize) {
      id
      ...WebhookDeliveryRow_delivery
    }
  }
`);

const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints($logSize: Int) {
    webhookEndpoints {
      id
      ...WebhookEndpointItem_endpoint
    }
  }
`);

const CreateWebhookEndpoint = graphql(`
  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        id
      }
      secret
    }
  }
`);

const SetWebhookEndpointActive = graphql(`
  mutation SetWebhookEndpointActive($id: ID!, $input: WebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) {
      id
      active
      disabledReason
      failingSince
    }
  }
`);

const DeleteWebhookEndpoint = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`);

const ReplayWebhookEvents = graphql(`
  mutation ReplayWebhookEvents($id: ID!, $sinceSequence: String!) {
    replayWebhookEvents(id: $id, sinceSequence: $sinceSequence)
  }
`);

const refetch = { refetchQueries: [{ query: WebhookEndpointsQuery, variables: { logSize: LOG_SIZE } }] };

/** Outbound webhooks: where lead events are pushed, each endpoint with its delivery log and a replay. */
export function WebhookEndpointsCard() {
  const id = useId();
  // The log moves as deliveries are attempted; a light poll keeps it current while the admin watches.
  const { data, error } = useQuery(WebhookEndpointsQuery, { variables: { logSize: LOG_SIZE }, pollInterval: 5_000 });
  return (
    <Card className="admin__card">
      <section aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          Outbound webhooks
        </h2>
        <p className="muted">
          Lead events are posted to these URLs, signed with each endpoint's own secret, and retried for 24 hours.
        </p>
        <CreateEndpointForm />
        {error && !data && <ErrorMessage error={error} />}
        {!data && !error && <p className="muted">Loading…</p>}
        {data && data.webhookEndpoints.length === 0 && <p className="muted">No endpoints yet.</p>}
        {data && data.webhookEndpoints.length > 0 && (
          <ul className="admin-list" aria-label="Endpoints">
            {data.webhookEndpoints.map((endpoint) => (
              <EndpointItem key={endpoint.id} endpoint={endpoint} />
            ))}
          </ul>
        )}
      </section>
    </Card>
  );
}

function CreateEndpointForm() {
  const id = useId();
  const [url, setUrl] = useState("");
  const [types, setTypes] = useState<LeadEventType[]>(["CREATED", "STATUS_CHANGED", "CONVERTED"]);
  const [secret, setSecret] = useState<string | null>(null);
  const [create, { loading, error, reset }] = useMutation(CreateWebhookEndpoint, refetch);
  const errors = fieldErrorsOf(error);
  const urlError = errors.url;
  const typesError = errors.eventTypes;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    try {
      const { data } = await create({ variables: { input: { url: url.trim(), eventTypes: types } } });
      if (data) setSecret(data.createWebhookEndpoint.secret);
      setUrl("");
    } catch {
      // Shown next to the fields.
    }
  }

  if (secret) {
    return (
      <OnceSecret
        label="The new endpoint's signing secret"
        secret={secret}
        note="Verify each delivery's webhook-signature with it."
        onDone={() => setSecret(null)}
      />
    );
  }
  return (
    <form className="admin__form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="New endpoint">
      <div className="field">
        <label htmlFor={`${id}-url`}>Endpoint URL</label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://example.com/leadline-events"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? `${id}-url-error` : undefined}
        />
        {urlError && (
          <span className="field__error" id={`${id}-url-error`}>
            {urlError}
          </span>
        )}
      </div>
      <fieldset
        className="role-picker"
        aria-invalid={typesError ? true : undefined}
        aria-describedby={typesError ? `${id}-types-error` : undefined}
      >
        <legend className="role-picker__legend">Events to send</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="role-picker__role">
            <input
              type="checkbox"
              checked={types.includes(type)}
              onChange={(e) => setTypes(EVENT_TYPES.filter((t) => (t === type ? e.target.checked : types.includes(t))))}
            />
            <code>{type}</code>
          </label>
        ))}
      </fieldset>
      {typesError && (
        <span className="field__error" id={`${id}-types-error`}>
          {typesError}
        </span>
      )}
      {error && !urlError && !typesError && <ErrorMessage error={error} />}
      <div>
        <Button type="submit" variant="primary" disabled={loading}>
          {loading ? "Adding…" : "Add endpoint"}
        </Button>
      </div>
    </form>
  );
}

function EndpointItem(props: { endpoint: FragmentType<typeof EndpointFragment> }) {
  const endpoint = useFragment(EndpointFragment, props.endpoint);
  const id = useId();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [setActive, activeState] = useMutation(SetWebhookEndpointActive);
  const [remove, removeState] = useMutation(DeleteWebhookEndpoint, refetch);
  const actionError = activeState.error ?? removeState.error;

  async function onSetActive(active: boolean) {
    removeState.reset();
    try {
      await setActive({
        variables: { id: endpoint.id, input: { url: endpoint.url, eventTypes: endpoint.eventTypes, active } },
      });
      toast.show(active ? "Endpoint resumed" : "Endpoint paused");
    } catch {
      // Shown next to the buttons.
    }
  }

  async function onDelete() {
    setConfirming(false);
    activeState.reset();
    try {
      await remove({ variables: { id: endpoint.id } });
      toast.show("Endpoint deleted");
    } catch {
      // Shown next to the buttons.
    }
  }

  return (
    <li className="admin-endpoint" aria-labelledby={`${id}-url`}>
      <div className="admin-endpoint__head">
        <div className="admin-list__who">
          <span className="admin-list__name admin-list__sub" id={`${id}-url`}>
            {endpoint.url}
          </span>
          <span className="admin-list__badges">
            {endpoint.active ? (
              endpoint.failingSince ? (
                <Badge tone="warning">Failing since {dateTime.format(new Date(endpoint.failingSince))}</Badge>
              ) : (
                <Badge tone="success">Active</Badge>
              )
            ) : (
              <Badge tone={endpoint.disabledReason ? "danger" : "neutral"}>
                {endpoint.disabledReason ? "Disabled" : "Paused"}
              </Badge>
            )}
            {endpoint.eventTypes.map((type) => (
              <Badge key={type}>{type}</Badge>
            ))}
          </span>
          {endpoint.disabledReason && <span className="muted admin-list__sub">{endpoint.disabledReason}</span>}
        </div>
        <div className="admin-list__actions admin-list__end">
          <div className="admin-list__actions">
            <Button
              size="sm"
              onClick={() => void onSetActive(!endpoint.active)}
              disabled={activeState.loading}
              aria-describedby={actionError ? `${id}-error` : undefined}
            >
              {endpoint.active ? "Pause" : endpoint.disabledReason ? "Re-enable" : "Resume"}
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={() => setConfirming(true)}
              disabled={removeState.loading}
              aria-describedby={actionError ? `${id}-error` : undefined}
            >
              Delete
            </Button>
          </div>
          {actionError && (
            <span className="field__error" id={`${id}-error`} role="alert">
              {describeError(actionError)}
            </span>
          )}
        </div>
      </div>
      <DeliveryLog endpointId={endpoint.id} deliveries={endpoint.deliveries} />
      <Dialog
        open={confirming}
        title="Delete this endpoint?"
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => void onDelete()}>
              Delete endpoint
            </Button>
          </>
        }
      >
        <p>Nothing more is sent to {endpoint.url}, and its delivery log is deleted with it.</p>
      </Dialog>
    </li>
  );
}

function DeliveryLog(props: { endpointId: string; deliveries: FragmentType<typeof DeliveryFragment>[] }) {
  const deliveries = useFragment(DeliveryFragment, props.deliveries);
  const id = useId();
  const toast = useToast();
  const [replay, { loading, error }] = useMutation(ReplayWebhookEvents, refetch);

  async function onReplay(eventSequence: string) {
    try {
      // The server sends every event after the one given: one before this delivery's event includes it.
      const since = (BigInt(eventSequence) - 1n).toString();
      const { data } = await replay({ variables: { id: props.endpointId, sinceSequence: since } });
      const queued = data?.replayWebhookEvents ?? 0;
      toast.show(`${queued} ${queued === 1 ? "event" : "events"} queued to send again`);
    } catch {
      // Shown under the log.
    }
  }

  if (deliveries.length === 0) return <p className="muted admin-list__sub">No deliveries yet.</p>;
  return (
    <div className="admin-log">
      <div className="table-wrap">
        <table className="lead-table admin-log__table" aria-describedby={error ? `${id}-error` : undefined}>
          <caption className="visually-hidden">Deliveries, newest event first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Result</th>
              <th scope="col">Queued</th>
              <th scope="col">
                <span className="visually-hidden">Replay</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <td>
                  <code>{delivery.eventType}</code> <span className="muted">#{delivery.eventSequence}</span>
                </td>
                <td>
                  <DeliveryResult delivery={delivery} />
                </td>
                <td>{dateTime.format(new Date(delivery.createdAt))}</td>
                <td>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={loading}
                    onClick={() => void onReplay(delivery.eventSequence)}
                    title="Send this event and every later one again"
                  >
                    Replay from here
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <span className="field__error" id={`${id}-error`} role="alert">
          {describeError(error)}
        </span>
      )}
    </div>
  );
}

function DeliveryResult(props: { delivery: WebhookDeliveryRow_DeliveryFragment }) {
  const { attempt, statusCode, lastError, deliveredAt, nextAttemptAt } = props.delivery;
  const tries = `${attempt} ${attempt === 1 ? "attempt" : "attempts"}`;
  if (deliveredAt)
    return (
      <>
        <Badge tone="success">Delivered{statusCode ? ` ${statusCode}` : ""}</Badge>{" "}
        <span className="muted">{tries}</span>
      </>
    );
  const why = [statusCode && `HTTP ${statusCode}`, lastError].filter(Boolean).join(": ");
  if (nextAttemptAt)
    return (
      <>
        <Badge tone={attempt ? "warning" : "info"}>{attempt ? "Retrying" : "Pending"}</Badge>{" "}
        <span className="muted">
          {attempt ? `${tries}, next ${dateTime.format(new Date(nextAttemptAt))}` : "sending"}
          {why && ` (${why})`}
        </span>
      </>
    );
  return (
    <>
      <Badge tone="danger">Gave up</Badge> <span className="muted">{[tries, why].filter(Boolean).join(", ")}</span>
    </>
  );
}
