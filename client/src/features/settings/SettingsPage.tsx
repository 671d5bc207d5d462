import { useMutation, useQuery } from "@apollo/client/react";
import { normalizeTenantSettings, type TenantSettingsValues } from "@leadline/shared";
import { type FormEvent, useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql, useFragment } from "../../gql";
import { Link, paths } from "../../router";
import { AdminLinks } from "../admin/AdminLinks";
import { useViewerAccess } from "../auth/useViewer";

const TenantSettingsFragment = graphql(`
  fragment TenantSettings_fields on TenantSettings {
    name
    timeZone
    defaultCountry
    claimWindowMinutes
    slaFirstResponseMinutes
    slaAtRiskPercent
    invitationTtlDays
    intakeDuplicatePolicy
    mailFromName
    mailReplyTo
  }
`);

const TenantSettingsQuery = graphql(`
  query TenantSettings {
    tenantSettings {
      ...TenantSettings_fields
    }
  }
`);

const UpdateTenantSettings = graphql(`
  mutation UpdateTenantSettings($input: TenantSettingsInput!) {
    updateTenantSettings(input: $input) {
      ...TenantSettings_fields
    }
  }
`);

type Name = keyof TenantSettingsValues;

interface SettingField {
  name: Name;
  label: string;
  hint: string;
  numeric: boolean;
  /** A choice among fixed values, shown as a select. */
  options?: { value: string; label: string }[];
}

const FIELDS: SettingField[] = [
  { name: "name", label: "Workspace name", hint: "", numeric: false },
  { name: "timeZone", label: "Time zone", hint: "IANA name, e.g. Europe/Berlin: where TODAY ends", numeric: false },
  { name: "defaultCountry", label: "Phone region", hint: "Country code for numbers without a prefix", numeric: false },
  { name: "slaFirstResponseMinutes", label: "First response within (minutes)", hint: "", numeric: true },
  { name: "slaAtRiskPercent", label: "At risk after (% of that time)", hint: "", numeric: true },
  { name: "claimWindowMinutes", label: "A claim holds for (minutes)", hint: "", numeric: true },
  { name: "invitationTtlDays", label: "Invitations valid for (days)", hint: "", numeric: true },
  {
    name: "intakeDuplicatePolicy",
    label: "A lead from the webhook, API or a form that already exists",
    hint: "Merging matches the same email or phone. Manual entry always asks instead.",
    numeric: false,
    options: [
      { value: "KEEP_BOTH", label: "Keep both, flag as duplicates" },
      { value: "MERGE", label: "Merge into the open lead" },
    ],
  },
  { name: "mailFromName", label: "Email sender name", hint: "Empty: the workspace name", numeric: false },
  {
    name: "mailReplyTo",
    label: "Also send replies to",
    hint: "A shared inbox (optional); replies always reach the lead",
    numeric: false,
  },
];

type Draft = Record<Name, string>;

const toDraft = (settings: TenantSettingsValues): Draft =>
  Object.fromEntries(FIELDS.map(({ name }) => [name, String(settings[name])])) as Draft;

/** The change a draft asks for: only fields that differ, numbers as numbers (blank is no number, caught below). */
function changeOf(draft: Draft, saved: TenantSettingsValues): Partial<Record<Name, string | number>> {
  const change: Partial<Record<Name, string | number>> = {};
  for (const { name, numeric } of FIELDS) {
    if (draft[name] === String(saved[name])) continue;
    change[name] = numeric ? (draft[name].trim() === "" ? Number.NaN : Number(draft[name])) : draft[name];
  }
  return change;
}

/**
 * How the workspace works: its clocks, phone region and what machine channels do with duplicates. Admins change them,
 * checked here by the same rules the server applies; everyone else reads them.
 */
export function SettingsPage() {
  const mayEdit = useViewerAccess().permissions.admin;
  const { data, error } = useQuery(TenantSettingsQuery);
  const saved = useFragment(TenantSettingsFragment, data?.tenantSettings);
  if (error && !saved) return <ErrorMessage error={error} />;
  if (!saved) return <p className="muted">Loading…</p>;
  return <SettingsForm key={JSON.stringify(saved)} saved={saved} mayEdit={mayEdit} />;
}

function SettingsForm(props: { saved: TenantSettingsValues; mayEdit: boolean }) {
  const id = useId();
  const toast = useToast();
  const [draft, setDraft] = useState(() => toDraft(props.saved));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // The settings have no id to be found by in the cache: the saved ones are written where the page reads them.
  const [update, { loading, error, reset }] = useMutation(UpdateTenantSettings, {
    update: (cache, { data }) => {
      if (data) cache.writeQuery({ query: TenantSettingsQuery, data: { tenantSettings: data.updateTenantSettings } });
    },
  });
  const errors = { ...fieldErrorsOf(error), ...localErrors };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    const change = changeOf(draft, props.saved);
    const checked = normalizeTenantSettings(change as Parameters<typeof normalizeTenantSettings>[0]);
    if (!checked.ok) {
      setLocalErrors(Object.fromEntries(checked.errors.map((e) => [e.field, e.message])));
      return;
    }
    setLocalErrors({});
    if (Object.keys(checked.value).length === 0) return;
    // The form starts again from the saved settings (it is keyed by them).
    await update({ variables: { input: checked.value } })
      .then(() => toast.show("Settings saved"))
      .catch(() => {});
  }

  return (
    <section className="settings">
      <h1 className="page-title">Workspace settings</h1>
      <p className="muted">
        Trying Leadline on the built-in database? Mail it sends waits in the{" "}
        <Link to={paths.mailbox()}>development mailbox</Link>.
      </p>
      <AdminLinks />
      <Card>
        <form className="settings__form" onSubmit={(event) => void onSubmit(event)} noValidate>
          {!props.mayEdit && <p className="muted">Only admins change these settings.</p>}
          {FIELDS.map((field) => {
            const inputId = `${id}-${field.name}`;
            const message = errors[field.name];
            const described = [field.hint && `${inputId}-hint`, message && `${inputId}-error`].filter(Boolean);
            return (
              <div className="field" key={field.name}>
                <label htmlFor={inputId}>{field.label}</label>
                {field.options ? (
                  <select
                    id={inputId}
                    name={field.name}
                    value={draft[field.name]}
                    disabled={!props.mayEdit}
                    onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
                    aria-invalid={message ? true : undefined}
                    aria-describedby={described.length ? described.join(" ") : undefined}
                  >
                    {field.options.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={inputId}
                    name={field.name}
                    inputMode={field.numeric ? "decimal" : undefined}
                    value={draft[field.name]}
                    disabled={!props.mayEdit}
                    onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
                    aria-invalid={message ? true : undefined}
                    aria-describedby={described.length ? described.join(" ") : undefined}
                  />
                )}
                {field.hint && (
                  <span className="field__hint muted" id={`${inputId}-hint`}>
                    {field.hint}
                  </span>
                )}
                {message && (
                  <span className="field__error" id={`${inputId}-error`}>
                    {message}
                  </span>
                )}
              </div>
            );
          })}
          {error && !Object.keys(fieldErrorsOf(error)).length && <ErrorMessage error={error} />}
          {props.mayEdit && (
            <Button type="submit" variant="primary" disabled={loading}>
              {loading ? "Saving…" : "Save settings"}
            </Button>
          )}
        </form>
      </Card>
    </section>
  );
}
