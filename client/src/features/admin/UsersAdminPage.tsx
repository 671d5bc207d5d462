import type { ErrorLike } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Dialog } from "../../components/Dialog";
import { describeError, ErrorMessage, fieldErrorsOf, reasonOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { Role } from "../../gql/graphql";
import { useViewerAccess } from "../auth/useViewer";
import { AssignableUsersQuery } from "../team/assignable-users";
import { RolePicker } from "./RolePicker";

const UserAdminFragment = graphql(`
  fragment UserAdmin_user on User {
    id
    name
    email
    roles
    active
    invited
  }
`);

const UsersAdminQuery = graphql(`
  query UsersAdmin {
    users(includeInactive: true) {
      id
      ...UserAdmin_user
    }
  }
`);

const InviteUser = graphql(`
  mutation InviteUser($email: String!, $name: String!, $roles: [Role!]!) {
    inviteUser(email: $email, name: $name, roles: $roles) {
      id
      ...UserAdmin_user
    }
  }
`);

// Each answer carries the row's fragment: the cache updates the row (and the viewer, when it is them) in place.
const UpdateUserRoles = graphql(`
  mutation UpdateUserRoles($id: ID!, $roles: [Role!]!) {
    updateUser(id: $id, roles: $roles) {
      id
      ...UserAdmin_user
    }
  }
`);

const SetUserActive = graphql(`
  mutation SetUserActive($id: ID!, $active: Boolean!) {
    updateUser(id: $id, active: $active) {
      id
      active
      ...UserAdmin_user
    }
  }
`);

const ReassignLeads = graphql(`
  mutation ReassignLeads($fromUserId: ID!, $toUserId: ID) {
    reassignLeads(fromUserId: $fromUserId, toUserId: $toUserId)
  }
`);

/** A refusal next to the control that caused it, in words for an admin; the server's message otherwise. */
function refusalOf(error: ErrorLike): string {
  if (reasonOf(error) === "INVALID_STATE")
    return "This is the workspace's last active admin: make someone else an admin first.";
  return describeError(error);
}

/** Issue 16's users and roles: everyone in the workspace, invited and deactivated included. */
export function UsersAdminPage() {
  const { data, error } = useQuery(UsersAdminQuery);
  if (error && !data) return <ErrorMessage error={error} />;
  return (
    <section className="admin">
      <h1 className="page-title">Users and roles</h1>
      <InviteForm />
      <Card className="admin__card">
        <h2 className="admin__title">People</h2>
        {!data ? (
          <p className="muted">Loading…</p>
        ) : (
          <ul className="admin-list" aria-label="Users">
            {data.users.map((user) => (
              <UserRow key={user.id} user={user} />
            ))}
          </ul>
        )}
      </Card>
    </section>
  );
}

function InviteForm() {
  const id = useId();
  const toast = useToast();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["SALES"]);
  const [invite, { loading, error, reset }] = useMutation(InviteUser, { refetchQueries: [UsersAdminQuery] });
  const errors = fieldErrorsOf(error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    try {
      await invite({ variables: { email, name, roles } });
      toast.show(`Invitation sent to ${email.trim()}`);
      setEmail("");
      setName("");
      setRoles(["SALES"]);
    } catch {
      // Shown next to the fields from `error`.
    }
  }

  const fieldProps = (field: string) => ({
    id: `${id}-${field}`,
    name: field,
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });
  const fieldError = (field: string) =>
    errors[field] && (
      <span className="field__error" id={`${id}-${field}-error`}>
        {errors[field]}
      </span>
    );

  return (
    <Card className="admin__card">
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          Invite someone
        </h2>
        <p className="muted">They get an email with a link to choose a password; until then they cannot sign in.</p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              type="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              {...fieldProps("email")}
            />
            {fieldError("email")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} {...fieldProps("name")} />
            {fieldError("name")}
          </div>
        </div>
        <RolePicker
          legend="Roles"
          value={roles}
          onChange={setRoles}
          errorId={errors.roles ? `${id}-roles-error` : undefined}
        />
        {fieldError("roles")}
        {error && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={loading}>
            {loading ? "Sending…" : "Send invitation"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function UserRow(props: { user: FragmentType<typeof UserAdminFragment> }) {
  const user = useFragment(UserAdminFragment, props.user);
  const id = useId();
  const toast = useToast();
  const you = useViewerAccess().id === user.id;
  // A draft of the roles, dropped when the saved roles change (saved here, or by another admin and re-read).
  const saved = user.roles.join();
  const [draft, setDraft] = useState<{ saved: string; roles: Role[] }>({ saved, roles: user.roles });
  const roles = draft.saved === saved ? draft.roles : user.roles;
  const setRoles = (next: Role[]) => setDraft({ saved, roles: next });
  const [confirming, setConfirming] = useState(false);
  const [saveRoles, rolesState] = useMutation(UpdateUserRoles);
  const [setActive, activeState] = useMutation(SetUserActive);
  const changed = roles.length !== user.roles.length || roles.some((role) => !user.roles.includes(role));
  const rolesError = rolesState.error && (fieldErrorsOf(rolesState.error).roles ?? refusalOf(rolesState.error));

  async function onSaveRoles() {
    rolesState.reset();
    try {
      await saveRoles({ variables: { id: user.id, roles } });
      toast.show(`${user.name}'s roles saved`);
    } catch {
      // Shown under the roles.
    }
  }

  async function onSetActive(active: boolean) {
    activeState.reset();
    setConfirming(false);
    try {
      const { data } = await setActive({ variables: { id: user.id, active } });
      // Someone who never accepted their invitation is mailed a new one instead, and stays inactive until they do.
      if (active && data && !data.updateUser.active) toast.show(`Invitation sent to ${user.email} again`);
      else toast.show(active ? `${user.name} can sign in again` : `${user.name} is deactivated and signed out`);
    } catch {
      // Shown next to the button.
    }
  }

  return (
    <li className="admin-list__item" aria-labelledby={`${id}-name`}>
      <div className="admin-list__who">
        <span className="admin-list__name" id={`${id}-name`}>
          {user.name}
          {you && <span className="muted"> (you)</span>}
        </span>
        <span className="muted admin-list__sub">{user.email}</span>
        <span>
          {user.active ? (
            <Badge tone="success">Active</Badge>
          ) : user.invited ? (
            <Badge tone="info">Invited</Badge>
          ) : (
            <Badge tone="neutral">Deactivated</Badge>
          )}
        </span>
      </div>
      <div className="admin-list__roles">
        <RolePicker
          legend={`Roles of ${user.name}`}
          hideLegend
          value={roles}
          onChange={(next) => {
            rolesState.reset();
            setRoles(next);
          }}
          disabled={rolesState.loading}
          errorId={rolesError ? `${id}-roles-error` : undefined}
        />
        {changed && (
          <div className="admin-list__actions">
            <Button size="sm" variant="primary" onClick={() => void onSaveRoles()} disabled={rolesState.loading}>
              Save roles
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                rolesState.reset();
                setRoles(user.roles);
              }}
            >
              Undo
            </Button>
          </div>
        )}
        {rolesError && (
          <span className="field__error" id={`${id}-roles-error`} role="alert">
            {rolesError}
          </span>
        )}
      </div>
      <div className="admin-list__actions admin-list__end">
        {user.active ? (
          <Button
            size="sm"
            variant="danger"
            onClick={() => setConfirming(true)}
            disabled={activeState.loading}
            aria-describedby={activeState.error ? `${id}-active-error` : undefined}
          >
            Deactivate
          </Button>
        ) : (
          <Button
            size="sm"
            onClick={() => void onSetActive(true)}
            disabled={activeState.loading}
            aria-describedby={activeState.error ? `${id}-active-error` : undefined}
          >
            {user.invited ? "Resend invitation" : "Reactivate"}
          </Button>
        )}
        {activeState.error && (
          <span className="field__error" id={`${id}-active-error`} role="alert">
            {refusalOf(activeState.error)}
          </span>
        )}
      </div>
      {/* The invited own nothing yet; the deactivated may. */}
      {!user.active && !user.invited && <ReassignForm userId={user.id} name={user.name} />}
      <Dialog
        open={confirming}
        title={`Deactivate ${user.name}?`}
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => void onSetActive(false)}>
              Deactivate
            </Button>
          </>
        }
      >
        <p>
          They are signed out everywhere at once and their API keys stop working. Leads they claimed go back to the
          pool; leads they own stay theirs until you reassign them.
        </p>
      </Dialog>
    </li>
  );
}

/** A deactivated user's leads stay theirs until handed on: their open ones, to an active teammate or the pool. */
function ReassignForm(props: { userId: string; name: string }) {
  const id = useId();
  const toast = useToast();
  const [to, setTo] = useState("");
  const { data } = useQuery(AssignableUsersQuery);
  const [reassign, { loading, error, reset }] = useMutation(ReassignLeads);
  const targets = (data?.assignableUsers ?? []).filter((u) => u.id !== props.userId);
  const message = error && (fieldErrorsOf(error).toUserId ?? describeError(error));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    try {
      const { data: moved } = await reassign({ variables: { fromUserId: props.userId, toUserId: to || null } });
      const n = moved?.reassignLeads ?? 0;
      const where = to ? targets.find((u) => u.id === to)?.name : "the pool";
      toast.show(n ? `${n} open ${n === 1 ? "lead" : "leads"} moved to ${where}` : `${props.name} owns no open leads`);
    } catch {
      // Shown next to the picker.
    }
  }

  return (
    <form className="admin-list__reassign inline-field" onSubmit={(event) => void onSubmit(event)}>
      <label htmlFor={`${id}-to`}>Hand their open leads to</label>
      <select
        id={`${id}-to`}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
      >
        <option value="">The pool (unassigned)</option>
        {targets.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <Button type="submit" size="sm" disabled={loading}>
        Reassign
      </Button>
      {message && (
        <span className="field__error" id={`${id}-error`} role="alert">
          {message}
        </span>
      )}
    </form>
  );
}
