import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Dialog } from "../../components/Dialog";
import { describeError, ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import type { Role } from "../../gql/graphql";
import { ROLE_LABELS } from "../../labels";
import { dateTime } from "../lead/date-time";
import { OnceSecret } from "./OnceSecret";
import { RolePicker } from "./RolePicker";

const ApiKeyRowFragment = graphql(`
  fragment ApiKeyRow_key on ApiKey {
    id
    name
    roles
    createdAt
    revokedAt
    owner {
      id
      name
    }
  }
`);

const ApiKeysQuery = graphql(`
  query ApiKeys($includeRevoked: Boolean) {
    apiKeys(includeRevoked: $includeRevoked) {
      id
      ...ApiKeyRow_key
    }
  }
`);

const CreateApiKey = graphql(`
  mutation CreateApiKey($name: String!, $roles: [Role!]!) {
    createApiKey(name: $name, roles: $roles) {
      id
      name
      secret
    }
  }
`);

const RevokeApiKey = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id)
  }
`);

/** The workspace's API keys: made here (the secret shown once), listed without secrets, revoked at once. */
export function ApiKeysCard() {
  const id = useId();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const { data, error } = useQuery(ApiKeysQuery, { variables: { includeRevoked } });
  return (
    <Card className="admin__card">
      <section aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          API keys
        </h2>
        <p className="muted">
          For the REST API (<code>/api/v1</code>) and GraphQL: send <code>Authorization: Bearer &lt;key&gt;</code>. A
          key acts as the person who made it, limited to its roles.
        </p>
        <CreateApiKeyForm />
        <div className="admin__toolbar">
          <h3 className="admin__subtitle">Keys</h3>
          <label className="checkbox">
            <input type="checkbox" checked={includeRevoked} onChange={(e) => setIncludeRevoked(e.target.checked)} />
            Show revoked keys
          </label>
        </div>
        {error && !data && <ErrorMessage error={error} />}
        {!data && !error && <p className="muted">Loading…</p>}
        {data && data.apiKeys.length === 0 && <p className="muted">No keys yet.</p>}
        {data && data.apiKeys.length > 0 && (
          <ul className="admin-list" aria-label="API keys">
            {data.apiKeys.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} />
            ))}
          </ul>
        )}
      </section>
    </Card>
  );
}

function CreateApiKeyForm() {
  const id = useId();
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["SALES"]);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [create, { loading, error, reset }] = useMutation(CreateApiKey, { refetchQueries: [ApiKeysQuery] });
  const errors = fieldErrorsOf(error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    try {
      const { data } = await create({ variables: { name, roles } });
      if (data) setCreated({ name: data.createApiKey.name, secret: data.createApiKey.secret });
      setName("");
    } catch {
      // Shown next to the fields.
    }
  }

  if (created) {
    return <OnceSecret label={`The key “${created.name}”`} secret={created.secret} onDone={() => setCreated(null)} />;
  }
  return (
    <form className="admin__form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="New API key">
      <div className="field">
        <label htmlFor={`${id}-name`}>Key name</label>
        <input
          id={`${id}-name`}
          autoComplete="off"
          placeholder="e.g. Website sync"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
        />
        {errors.name && (
          <span className="field__error" id={`${id}-name-error`}>
            {errors.name}
          </span>
        )}
      </div>
      <RolePicker
        legend="Key roles"
        value={roles}
        onChange={setRoles}
        errorId={errors.roles ? `${id}-roles-error` : undefined}
      />
      {errors.roles && (
        <span className="field__error" id={`${id}-roles-error`}>
          {errors.roles}
        </span>
      )}
      {error && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
      <div>
        <Button type="submit" variant="primary" disabled={loading}>
          {loading ? "Creating…" : "Create key"}
        </Button>
      </div>
    </form>
  );
}

function ApiKeyRow(props: { apiKey: FragmentType<typeof ApiKeyRowFragment> }) {
  const apiKey = useFragment(ApiKeyRowFragment, props.apiKey);
  const id = useId();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [revoke, { loading, error, reset }] = useMutation(RevokeApiKey, { refetchQueries: [ApiKeysQuery] });

  async function onRevoke() {
    setConfirming(false);
    reset();
    try {
      await revoke({ variables: { id: apiKey.id } });
      toast.show(`The key “${apiKey.name}” is revoked`);
    } catch {
      // Shown next to the button.
    }
  }

  return (
    <li className="admin-list__item" aria-labelledby={`${id}-name`}>
      <div className="admin-list__who">
        <span className="admin-list__name" id={`${id}-name`}>
          {apiKey.name}
        </span>
        <span className="muted admin-list__sub">
          By {apiKey.owner.name}, {dateTime.format(new Date(apiKey.createdAt))}
        </span>
      </div>
      <div className="admin-list__badges">
        {apiKey.roles.map((role) => (
          <Badge key={role}>{ROLE_LABELS[role]}</Badge>
        ))}
      </div>
      <div className="admin-list__actions admin-list__end">
        {apiKey.revokedAt ? (
          <Badge tone="danger">Revoked {dateTime.format(new Date(apiKey.revokedAt))}</Badge>
        ) : (
          <Button
            size="sm"
            variant="danger"
            onClick={() => setConfirming(true)}
            disabled={loading}
            aria-label={`Revoke ${apiKey.name}`}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            Revoke
          </Button>
        )}
        {error && (
          <span className="field__error" id={`${id}-error`} role="alert">
            {describeError(error)}
          </span>
        )}
      </div>
      <Dialog
        open={confirming}
        title={`Revoke “${apiKey.name}”?`}
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => void onRevoke()}>
              Revoke key
            </Button>
          </>
        }
      >
        <p>
          Anything using it is refused from the next request on, and its live connections close. This cannot be undone.
        </p>
      </Dialog>
    </li>
  );
}
