import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql, useFragment } from "../../gql";
import type { MessageChannel, MessagingProviders_SettingsFragment, SmtpSecurity } from "../../gql/graphql";

const ProvidersFragment = graphql(`
  fragment MessagingProviders_settings on MessagingProvidersSettings {
    serverEmail
    serverSms
    email {
      host
      port
      security
      username
      passwordSet
      fromAddress
    }
    sms {
      apiUrl
      accountSid
      authTokenSet
      from
    }
  }
`);

const ProvidersQuery = graphql(`
  query MessagingProviders {
    messagingProviders {
      ...MessagingProviders_settings
    }
  }
`);

const SetEmailProvider = graphql(`
  mutation SetEmailProvider($input: EmailProviderInput!) {
    setEmailProvider(input: $input) {
      ...MessagingProviders_settings
    }
  }
`);

const SetSmsProvider = graphql(`
  mutation SetSmsProvider($input: SmsProviderInput!) {
    setSmsProvider(input: $input) {
      ...MessagingProviders_settings
    }
  }
`);

const RemoveMessagingProvider = graphql(`
  mutation RemoveMessagingProvider($channel: MessageChannel!) {
    removeMessagingProvider(channel: $channel) {
      ...MessagingProviders_settings
    }
  }
`);

const SendTestMessage = graphql(`
  mutation SendTestMessage($channel: MessageChannel!, $to: String!) {
    sendTestMessage(channel: $channel, to: $to) {
      channel
      to
      sent
      deliveryState
      error
      from
      via
    }
  }
`);

/** The settings have no id to be matched by in the cache: the query is read again after each change. */
const refetch = { refetchQueries: [ProvidersQuery], awaitRefetchQueries: true };

const SECURITY: { value: SmtpSecurity; label: string }[] = [
  { value: "STARTTLS", label: "STARTTLS (usually port 587)" },
  { value: "TLS", label: "TLS from the start (usually port 465)" },
  { value: "NONE", label: "None (not encrypted)" },
];

/**
 * Where the workspace's email and SMS go out: its own SMTP server and SMS account, else the server's. Secrets are
 * write-only (the page only ever learns that one is set), and "Send a test" sends a real message the way every
 * message goes, then says what the provider answered.
 */
export function MessagingProvidersCard() {
  const id = useId();
  const { data, error } = useQuery(ProvidersQuery);
  const settings = useFragment(ProvidersFragment, data?.messagingProviders);
  return (
    <Card className="admin__card">
      <section aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          Email and SMS
        </h2>
        <p className="muted">
          Replies, invitations and review requests go out through your own providers when you set them here, else
          through the server's. Passwords and tokens are never shown again once saved.
        </p>
        {error && !data && <ErrorMessage error={error} />}
        {!data && !error && <p className="muted">Loading…</p>}
        {settings && (
          <div className="providers">
            <EmailProviderSection settings={settings} />
            <SmsProviderSection settings={settings} />
          </div>
        )}
      </section>
    </Card>
  );
}

type Settings = MessagingProviders_SettingsFragment;

function EmailProviderSection(props: { settings: Settings }) {
  const id = useId();
  const toast = useToast();
  const own = props.settings.email;
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState(() => ({
    host: own?.host ?? "",
    port: String(own?.port ?? 587),
    security: own?.security ?? ("STARTTLS" as SmtpSecurity),
    username: own?.username ?? "",
    password: "",
    fromAddress: own?.fromAddress ?? "",
  }));
  const [save, saving] = useMutation(SetEmailProvider, refetch);
  const [remove, removing] = useMutation(RemoveMessagingProvider, refetch);
  const errors = fieldErrorsOf(saving.error);
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    saving.reset();
    try {
      await save({
        variables: {
          input: {
            host: form.host,
            port: Number(form.port),
            security: form.security,
            username: form.username,
            // Empty keeps the password set before: it is never sent back to be shown.
            password: form.password === "" ? null : form.password,
            fromAddress: form.fromAddress,
          },
        },
      });
      setForm((f) => ({ ...f, password: "" }));
      setEditing(false);
      toast.show("Email settings saved");
    } catch {
      // Shown next to the fields.
    }
  }

  async function onRemove() {
    try {
      await remove({ variables: { channel: "EMAIL" } });
      toast.show(
        props.settings.serverEmail ? "Email goes through the server's provider again" : "Email settings removed",
      );
    } catch {
      // Shown below.
    }
  }

  return (
    <section className="provider" aria-labelledby={`${id}-title`}>
      <div className="provider__head">
        <h3 className="admin__subtitle" id={`${id}-title`}>
          Email
        </h3>
        <ProviderState own={Boolean(own)} server={props.settings.serverEmail} />
      </div>
      {own ? (
        <dl className="provider__facts">
          <div>
            <dt>SMTP server</dt>
            <dd>
              {own.host}:{own.port} ({SECURITY.find((s) => s.value === own.security)?.label ?? own.security})
            </dd>
          </div>
          <div>
            <dt>Sign-in</dt>
            <dd>{own.username ? `${own.username}, password ${own.passwordSet ? "set" : "not set"}` : "none"}</dd>
          </div>
          <div>
            <dt>Sent from</dt>
            <dd>{own.fromAddress || "the server's address"}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">
          {props.settings.serverEmail
            ? "Email goes through the server's SMTP server."
            : "No email provider: email cannot be sent until you set one (or the server's operator sets SMTP_URL)."}
        </p>
      )}
      {editing ? (
        <form
          className="admin__form provider__form"
          onSubmit={(e) => void onSubmit(e)}
          noValidate
          aria-label="Email provider"
        >
          <div className="provider__grid">
            <TextField
              id={`${id}-host`}
              label="SMTP host"
              value={form.host}
              onChange={set("host")}
              error={errors.host}
              placeholder="smtp.example.com"
            />
            <TextField
              id={`${id}-port`}
              label="Port"
              value={form.port}
              onChange={set("port")}
              error={errors.port}
              inputMode="numeric"
            />
            <div className="field">
              <label htmlFor={`${id}-security`}>Encryption</label>
              <select
                id={`${id}-security`}
                value={form.security}
                onChange={(e) => set("security")(e.target.value)}
                aria-invalid={errors.security ? true : undefined}
              >
                {SECURITY.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              id={`${id}-user`}
              label="User name"
              value={form.username}
              onChange={set("username")}
              error={errors.username}
              autoComplete="off"
            />
            <TextField
              id={`${id}-password`}
              label="Password"
              type="password"
              value={form.password}
              onChange={set("password")}
              error={errors.password}
              autoComplete="new-password"
              hint={own?.passwordSet ? "Set. Leave empty to keep it." : undefined}
            />
            <TextField
              id={`${id}-from`}
              label="From address"
              type="email"
              value={form.fromAddress}
              onChange={set("fromAddress")}
              error={errors.fromAddress}
              placeholder="sales@example.com"
              hint="Empty: the server's address."
            />
          </div>
          {saving.error && Object.keys(errors).length === 0 && <ErrorMessage error={saving.error} />}
          <SaveActions noun="email" saving={saving.loading} onCancel={() => setEditing(false)} />
        </form>
      ) : (
        <IdleActions
          noun="email"
          own={Boolean(own)}
          useOwnLabel="Use your own SMTP server"
          serverFallback={props.settings.serverEmail}
          removing={removing.loading}
          onEdit={() => setEditing(true)}
          onRemove={() => void onRemove()}
        />
      )}
      {removing.error && <ErrorMessage error={removing.error} />}
      <TestSend channel="EMAIL" ready={Boolean(own) || props.settings.serverEmail} />
    </section>
  );
}

function SmsProviderSection(props: { settings: Settings }) {
  const id = useId();
  const toast = useToast();
  const own = props.settings.sms;
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState(() => ({
    apiUrl: own?.apiUrl ?? "https://api.twilio.com",
    accountSid: own?.accountSid ?? "",
    authToken: "",
    from: own?.from ?? "",
  }));
  const [save, saving] = useMutation(SetSmsProvider, refetch);
  const [remove, removing] = useMutation(RemoveMessagingProvider, refetch);
  const errors = fieldErrorsOf(saving.error);
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    saving.reset();
    try {
      await save({
        variables: {
          input: {
            apiUrl: form.apiUrl,
            accountSid: form.accountSid,
            authToken: form.authToken === "" ? null : form.authToken,
            from: form.from,
          },
        },
      });
      setForm((f) => ({ ...f, authToken: "" }));
      setEditing(false);
      toast.show("SMS settings saved");
    } catch {
      // Shown next to the fields.
    }
  }

  async function onRemove() {
    try {
      await remove({ variables: { channel: "SMS" } });
      toast.show(props.settings.serverSms ? "SMS go through the server's provider again" : "SMS settings removed");
    } catch {
      // Shown below.
    }
  }

  return (
    <section className="provider" aria-labelledby={`${id}-title`}>
      <div className="provider__head">
        <h3 className="admin__subtitle" id={`${id}-title`}>
          SMS
        </h3>
        <ProviderState own={Boolean(own)} server={props.settings.serverSms} />
      </div>
      {own ? (
        <dl className="provider__facts">
          <div>
            <dt>Provider</dt>
            <dd>{own.apiUrl}</dd>
          </div>
          <div>
            <dt>Account</dt>
            <dd>
              {own.accountSid}, auth token {own.authTokenSet ? "set" : "not set"}
            </dd>
          </div>
          <div>
            <dt>Sent from</dt>
            <dd>{own.from}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">
          {props.settings.serverSms
            ? "SMS go through the server's account."
            : "No SMS provider: SMS cannot be sent until you set one (or the server's operator sets SMS_ACCOUNT_SID)."}
        </p>
      )}
      {editing ? (
        <form
          className="admin__form provider__form"
          onSubmit={(e) => void onSubmit(e)}
          noValidate
          aria-label="SMS provider"
        >
          <div className="provider__grid">
            <TextField
              id={`${id}-url`}
              label="API URL"
              type="url"
              value={form.apiUrl}
              onChange={set("apiUrl")}
              error={errors.apiUrl}
              hint="Twilio, or a provider speaking its Messages API."
            />
            <TextField
              id={`${id}-sid`}
              label="Account SID"
              value={form.accountSid}
              onChange={set("accountSid")}
              error={errors.accountSid}
              autoComplete="off"
            />
            <TextField
              id={`${id}-token`}
              label="Auth token"
              type="password"
              value={form.authToken}
              onChange={set("authToken")}
              error={errors.authToken}
              autoComplete="new-password"
              hint={own?.authTokenSet ? "Set. Leave empty to keep it." : undefined}
            />
            <TextField
              id={`${id}-number`}
              label="From number"
              type="tel"
              value={form.from}
              onChange={set("from")}
              error={errors.from}
              placeholder="+15005550006"
              hint="Point its incoming-message webhook at /hooks/sms/inbound."
            />
          </div>
          {saving.error && Object.keys(errors).length === 0 && <ErrorMessage error={saving.error} />}
          <SaveActions noun="SMS" saving={saving.loading} onCancel={() => setEditing(false)} />
        </form>
      ) : (
        <IdleActions
          noun="SMS"
          own={Boolean(own)}
          useOwnLabel="Use your own SMS account"
          serverFallback={props.settings.serverSms}
          removing={removing.loading}
          onEdit={() => setEditing(true)}
          onRemove={() => void onRemove()}
        />
      )}
      {removing.error && <ErrorMessage error={removing.error} />}
      <TestSend channel="SMS" ready={Boolean(own) || props.settings.serverSms} />
    </section>
  );
}

function ProviderState(props: { own: boolean; server: boolean }) {
  if (props.own) return <Badge tone="accent">Your own provider</Badge>;
  if (props.server) return <Badge tone="neutral">The server's provider</Badge>;
  return <Badge tone="warning">Not set up</Badge>;
}

/** "Send a test": a real message through the provider in use, and what it answered. */
function TestSend(props: { channel: MessageChannel; ready: boolean }) {
  const id = useId();
  const [to, setTo] = useState("");
  const [send, { data, loading, error, reset }] = useMutation(SendTestMessage);
  const errors = fieldErrorsOf(error);
  const result = data?.sendTestMessage;
  const what = props.channel === "EMAIL" ? "email" : "SMS";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    try {
      await send({ variables: { channel: props.channel, to } });
    } catch {
      // Shown below.
    }
  }

  return (
    <form className="provider__test" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={`Send a test ${what}`}>
      <div className="field">
        <label htmlFor={`${id}-to`}>Send a test {what} to</label>
        <div className="provider__test-row">
          <input
            id={`${id}-to`}
            type={props.channel === "EMAIL" ? "email" : "tel"}
            autoComplete="off"
            placeholder={props.channel === "EMAIL" ? "you@example.com" : "+14155550142"}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-invalid={errors.to ? true : undefined}
            aria-describedby={errors.to ? `${id}-to-error` : undefined}
          />
          <Button type="submit" disabled={loading || !props.ready || !to.trim()}>
            {loading ? "Sending…" : `Send test ${what}`}
          </Button>
        </div>
        {errors.to && (
          <span className="field__error" id={`${id}-to-error`}>
            {errors.to}
          </span>
        )}
      </div>
      {error && !errors.to && <ErrorMessage error={error} />}
      {result &&
        (result.sent ? (
          <p className="provider__result provider__result--ok" role="status">
            Sent to {result.to} through {result.via === "WORKSPACE" ? "your own provider" : "the server's provider"}
            {result.from ? `, from ${result.from}` : ""}.
          </p>
        ) : (
          <p className="provider__result provider__result--failed" role="alert">
            {result.deliveryState === "QUEUED"
              ? `Not sent yet: the provider has not answered${result.error ? ` (${result.error})` : ""}.`
              : `Not sent. The provider answered: ${result.error ?? "no reason given"}`}
          </p>
        ))}
    </form>
  );
}

function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: string;
  placeholder?: string;
  autoComplete?: string;
  inputMode?: "numeric";
}) {
  const described = [props.error && `${props.id}-error`, props.hint && `${props.id}-hint`].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
      />
      {props.hint && (
        <span className="field__hint muted" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span className="field__error" id={`${props.id}-error`}>
          {props.error}
        </span>
      )}
    </div>
  );
}

/** A provider form's Save and Cancel, the same for email and SMS. */
function SaveActions(props: { noun: string; saving: boolean; onCancel: () => void }) {
  return (
    <div className="provider__actions">
      <Button type="submit" variant="primary" disabled={props.saving}>
        {props.saving ? "Saving…" : `Save ${props.noun} settings`}
      </Button>
      <Button variant="ghost" onClick={props.onCancel} disabled={props.saving}>
        Cancel
      </Button>
    </div>
  );
}

/** A provider's actions while not editing: change (or first use) and remove, falling back to the server's. */
function IdleActions(props: {
  noun: string;
  own: boolean;
  useOwnLabel: string;
  serverFallback: boolean;
  removing: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  return (
    <div className="provider__actions">
      <Button onClick={props.onEdit}>{props.own ? `Change ${props.noun} settings` : props.useOwnLabel}</Button>
      {props.own && (
        <Button variant="ghost" onClick={props.onRemove} disabled={props.removing}>
          {props.serverFallback ? "Use the server's instead" : "Remove"}
        </Button>
      )}
    </div>
  );
}
