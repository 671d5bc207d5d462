import { useMutation } from "@apollo/client/react";
import { QUEUE_MEMBER_ROLES } from "@leadline/shared";
import { type FormEvent, useId, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { QueueEditor_QueueFragment, Role } from "../../gql/graphql";

const QueueFragment = graphql(`
  fragment QueueEditor_queue on Queue {
    id
    name
    strategy
    members {
      id
      name
      active
    }
  }
`);

const UpsertQueue = graphql(`
  mutation UpsertQueue($id: ID, $input: QueueInput!) {
    upsertQueue(id: $id, input: $input) {
      id
      name
      ...QueueEditor_queue
    }
  }
`);

/** The strategies a queue picks its owner by (QUEUE_STRATEGIES on the server), in an admin's words. */
export const STRATEGIES: { value: string; label: string }[] = [
  { value: "ROUND_ROBIN", label: "Round robin (each in turn)" },
  { value: "LEAST_LOADED", label: "Least loaded (fewest open leads)" },
];

interface StaffUser {
  id: string;
  name: string;
  roles: Role[];
}

/** Queues, each with its strategy and members in routing order, and a new one. */
export function QueuesCard(props: {
  queues: ({ id: string } & FragmentType<typeof QueueFragment>)[];
  users: StaffUser[];
}) {
  const id = useId();
  // Only people who work leads can be on a queue (the server checks the same list).
  const staff = props.users.filter((u) => u.roles.some((role) => QUEUE_MEMBER_ROLES.includes(role)));
  return (
    <Card className="admin__card">
      <section aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          Queues
        </h2>
        {props.queues.length === 0 && <p className="muted">No queues yet: add the first below.</p>}
        <ul className="admin-list" aria-label="Queues">
          {props.queues.map((queue) => (
            <QueueItem key={queue.id} queue={queue} staff={staff} />
          ))}
        </ul>
        <h3 className="admin__subtitle admin-queue__new">New queue</h3>
        <QueueEditor queue={null} staff={staff} />
      </section>
    </Card>
  );
}

/** A queue in one line (strategy, members in order); its editor opens below on demand. */
function QueueItem(props: { queue: FragmentType<typeof QueueFragment>; staff: StaffUser[] }) {
  const queue = useFragment(QueueFragment, props.queue);
  const id = useId();
  const [editing, setEditing] = useState(false);
  return (
    <li className="admin-queue" aria-labelledby={`${id}-name`}>
      <div className="admin-queue__head">
        <div className="admin-list__who">
          <h3 className="admin__subtitle" id={`${id}-name`}>
            {queue.name}
          </h3>
          <span className="muted admin-list__sub">
            {STRATEGIES.find((s) => s.value === queue.strategy)?.label ?? queue.strategy} ·{" "}
            {queue.members.length === 0
              ? "no members"
              : queue.members.map((m) => (m.active ? m.name : `${m.name} (inactive)`)).join(", ")}
          </span>
        </div>
        <Button size="sm" aria-expanded={editing} aria-controls={`${id}-editor`} onClick={() => setEditing(!editing)}>
          {editing ? "Close" : "Edit"}
          <span className="visually-hidden"> {queue.name}</span>
        </Button>
      </div>
      <div id={`${id}-editor`} hidden={!editing}>
        {editing && <QueueEditor queue={queue} staff={props.staff} />}
      </div>
    </li>
  );
}

interface QueueDraft {
  /** The saved queue this draft started from, so a save (here or by a teammate) starts a fresh one. */
  saved: string;
  name: string;
  strategy: string;
  memberIds: string[];
}

function QueueEditor(props: { queue: QueueEditor_QueueFragment | null; staff: StaffUser[] }) {
  const { queue } = props;
  const id = useId();
  const toast = useToast();
  const fresh = (): QueueDraft => ({
    saved: JSON.stringify(queue),
    name: queue?.name ?? "",
    strategy: queue?.strategy ?? "ROUND_ROBIN",
    memberIds: queue?.members.map((m) => m.id) ?? [],
  });
  const [kept, setDraft] = useState<QueueDraft>(fresh);
  const draft = kept.saved === JSON.stringify(queue) ? kept : fresh();
  const [adding, setAdding] = useState("");
  const [upsert, { loading, error, reset }] = useMutation(UpsertQueue, {
    // A new queue joins the list (and the rules' queue pickers); an edited one updates in place.
    refetchQueries: queue ? [] : ["RoutingAdmin"],
  });
  const errors = fieldErrorsOf(error);
  const nameOf = (userId: string) =>
    queue?.members.find((m) => m.id === userId)?.name ?? props.staff.find((u) => u.id === userId)?.name ?? userId;
  const inactive = (userId: string) => queue?.members.find((m) => m.id === userId)?.active === false;
  const candidates = props.staff.filter((u) => !draft.memberIds.includes(u.id));
  const dirty =
    !queue ||
    draft.name !== queue.name ||
    draft.strategy !== queue.strategy ||
    draft.memberIds.join() !== queue.members.map((m) => m.id).join();
  const set = (patch: Partial<QueueDraft>) => {
    reset();
    setDraft({ ...draft, ...patch });
  };
  const moveMember = (index: number, by: -1 | 1) => {
    const ids = [...draft.memberIds];
    const [member] = ids.splice(index, 1);
    if (member) ids.splice(index + by, 0, member);
    set({ memberIds: ids });
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    try {
      await upsert({
        variables: {
          id: queue?.id ?? null,
          input: { name: draft.name, strategy: draft.strategy, memberIds: draft.memberIds },
        },
      });
      toast.show(queue ? `${draft.name.trim()} saved` : `${draft.name.trim()} created`);
      if (!queue) setDraft({ saved: JSON.stringify(null), name: "", strategy: "ROUND_ROBIN", memberIds: [] });
    } catch {
      // Shown next to the fields.
    }
  }

  const fieldError = (field: string) =>
    errors[field] && (
      <span className="field__error" id={`${id}-${field}-error`}>
        {errors[field]}
      </span>
    );
  const invalid = (field: string) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });
  const memberErrors = draft.memberIds.some((_, i) => errors[`input.memberIds.${i}`]);

  return (
    <form
      className="admin-queue__form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label={queue ? `Queue ${queue.name}` : "New queue"}
    >
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>Queue name</label>
          <input
            id={`${id}-name`}
            value={draft.name}
            autoComplete="off"
            onChange={(e) => set({ name: e.target.value })}
            {...invalid("input.name")}
          />
          {fieldError("input.name")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-strategy`}>Who gets the next lead</label>
          <select
            id={`${id}-strategy`}
            value={draft.strategy}
            onChange={(e) => set({ strategy: e.target.value })}
            {...invalid("input.strategy")}
          >
            {STRATEGIES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          {fieldError("input.strategy")}
        </div>
      </div>
      <div className="admin-queue__members">
        <span className="admin-queue__members-title" id={`${id}-members`}>
          Members, in routing order
        </span>
        {draft.memberIds.length === 0 ? (
          <p className="muted">Nobody yet: leads routed here wait unowned.</p>
        ) : (
          <ol className="admin-queue__list" aria-labelledby={`${id}-members`}>
            {draft.memberIds.map((userId, index) => {
              const memberError = errors[`input.memberIds.${index}`];
              return (
                <li key={userId} className="admin-queue__member">
                  <span className="admin-queue__who">
                    {nameOf(userId)}
                    {inactive(userId) && <Badge tone="neutral">Inactive: skipped</Badge>}
                  </span>
                  <span className="admin-list__actions">
                    <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => moveMember(index, -1)}>
                      <span aria-hidden="true">↑</span>
                      <span className="visually-hidden">Move {nameOf(userId)} up</span>
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={index === draft.memberIds.length - 1}
                      onClick={() => moveMember(index, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                      <span className="visually-hidden">Move {nameOf(userId)} down</span>
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => set({ memberIds: draft.memberIds.filter((m) => m !== userId) })}
                    >
                      Remove<span className="visually-hidden"> {nameOf(userId)}</span>
                    </Button>
                  </span>
                  {memberError && <span className="field__error">{memberError}</span>}
                </li>
              );
            })}
          </ol>
        )}
        {candidates.length > 0 && (
          <div className="inline-field admin-queue__add">
            <label htmlFor={`${id}-add`}>Add member</label>
            <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">Choose someone…</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            <Button
              size="sm"
              disabled={!adding}
              onClick={() => {
                set({ memberIds: [...draft.memberIds, adding] });
                setAdding("");
              }}
            >
              Add
            </Button>
          </div>
        )}
      </div>
      {error && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
      {memberErrors && (
        <p className="error" role="alert">
          Some members cannot be on a queue: see above.
        </p>
      )}
      <div className="form-actions">
        <Button type="submit" variant={queue ? "default" : "primary"} disabled={loading || !dirty}>
          {queue ? "Save queue" : "Create queue"}
        </Button>
      </div>
    </form>
  );
}
