import { useMutation, useQuery } from "@apollo/client/react";
import { FORM_BASE_FIELDS, FORM_FIELD_KEYS, LEAD_FIELD_BY_KEY, THANK_YOU_LIMIT } from "@leadline/shared";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql } from "../../gql";
import type { CaptureFormInput, CaptureFormsQuery } from "../../gql/graphql";
import { useViewerAccess } from "../auth/useViewer";
import { CaptchaKeysCard, CaptchaKeysQuery } from "./CaptchaKeysCard";

const CaptureFormsQueryDocument = graphql(`
  query CaptureForms {
    captureForms {
      id
      name
      active
      fields
      captchaEnabled
      submissions
      redirectUrl
      thankYouMessage
      embedUrl
      embedSnippet
      queue {
        id
        name
      }
    }
  }
`);

const FormQueuesQuery = graphql(`
  query FormQueues {
    queues {
      id
      name
    }
  }
`);

// The saved form's fields come back through the list's refetch (CaptureFormsQueryDocument, the one
// field list); the save itself answers only what its message and the selection need.
const UpsertCaptureForm = graphql(`
  mutation UpsertCaptureForm($id: ID, $input: CaptureFormInput!) {
    upsertCaptureForm(id: $id, input: $input) {
      id
      name
    }
  }
`);

const CaptureFormPreviewQuery = graphql(`
  query CaptureFormPreview($input: CaptureFormInput!) {
    captureFormPreview(input: $input) {
      formHtml
      thanksHtml
    }
  }
`);

type CaptureForm = CaptureFormsQuery["captureForms"][number];

/** The lead fields a form can add to the ones every form asks for, in the lead form's order. */
const EXTRA_FIELDS = FORM_FIELD_KEYS.filter((key) => !(FORM_BASE_FIELDS as readonly string[]).includes(key));
const fieldLabel = (key: string) => LEAD_FIELD_BY_KEY[key as keyof typeof LEAD_FIELD_BY_KEY]?.label ?? key;
const PREVIEW_DELAY_MS = 300;

/**
 * Issue 16's capture forms: the tenant's forms with their submission counts;
 * a form made or changed beside a live preview rendered by the server's own
 * page code; the hosted link and the embed snippet to copy; and the
 * reCAPTCHA keys (admins enter them; the secret is never shown again).
 */
export function FormsAdminPage() {
  const { data, error } = useQuery(CaptureFormsQueryDocument);
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const editor = useRef<HTMLDivElement>(null);
  const forms = data?.captureForms ?? [];
  const current = editing && editing !== "new" ? forms.find((f) => f.id === editing) : undefined;

  function open(target: string | "new") {
    setEditing(target);
    // The editor is below the list: bring it into view and put the keyboard in its first field.
    window.requestAnimationFrame(() => {
      editor.current?.scrollIntoView({ block: "start" });
      editor.current?.querySelector<HTMLInputElement>("input")?.focus({ preventScroll: true });
    });
  }

  return (
    <section className="admin admin--wide">
      <h1 className="page-title">Capture forms</h1>
      <Card className="admin__card">
        <section aria-labelledby="forms-title">
          <div className="admin__head">
            <h2 className="admin__title" id="forms-title">
              Forms
            </h2>
            <Button variant="primary" size="sm" onClick={() => open("new")}>
              New form
            </Button>
          </div>
          <p className="muted">
            A form turns a visitor into a lead: scored, routed, with the UTM parameters and page it came from. Share its
            hosted page or embed it in your website.
          </p>
          {error && !data && <ErrorMessage error={error} />}
          {!data && !error && <p className="muted">Loading…</p>}
          {data && forms.length === 0 && <p className="muted">No forms yet.</p>}
          {forms.length > 0 && (
            <ul className="admin-list" aria-label="Capture forms">
              {forms.map((form) => (
                <FormRow key={form.id} form={form} editing={form.id === editing} onEdit={() => open(form.id)} />
              ))}
            </ul>
          )}
        </section>
      </Card>
      <div ref={editor}>
        {editing && (editing === "new" || current) && (
          <FormEditor
            // A fresh editor for each form: nothing typed for one carries into another.
            key={editing}
            form={current ?? null}
            onSaved={(id) => {
              if (editing === "new") setCreated(id);
              setEditing(id);
            }}
            onClose={() => setEditing(null)}
          />
        )}
      </div>
      {current && <EmbedCard key={current.id} form={current} justCreated={created === current.id} />}
      <CaptchaKeysCard />
    </section>
  );
}

function FormRow(props: { form: CaptureForm; editing: boolean; onEdit: () => void }) {
  const { form } = props;
  const id = useId();
  return (
    <li className="admin-list__item forms-list__item" aria-labelledby={`${id}-name`}>
      <div className="admin-list__who">
        <span className="admin-list__name" id={`${id}-name`}>
          {form.name}
        </span>
        <span className="muted admin-list__sub">
          <a href={form.embedUrl} target="_blank" rel="noreferrer">
            Hosted page
          </a>
          {form.queue ? ` · to ${form.queue.name}` : ""}
        </span>
      </div>
      <div className="admin-list__badges">
        {form.active ? <Badge tone="success">Active</Badge> : <Badge>Off</Badge>}
        {form.captchaEnabled && <Badge tone="info">reCAPTCHA</Badge>}
        <Badge tone="accent">
          {form.submissions} {form.submissions === 1 ? "submission" : "submissions"}
        </Badge>
      </div>
      <div className="admin-list__actions admin-list__end">
        <Button size="sm" onClick={props.onEdit} aria-pressed={props.editing} aria-label={`Edit ${form.name}`}>
          Edit
        </Button>
      </div>
    </li>
  );
}

interface Draft {
  name: string;
  active: boolean;
  fields: string[];
  queueId: string;
  after: "message" | "redirect";
  thankYouMessage: string;
  redirectUrl: string;
  captchaEnabled: boolean;
}

function draftOf(form: CaptureForm | null): Draft {
  return {
    name: form?.name ?? "",
    active: form?.active ?? true,
    fields: form?.fields ?? [],
    queueId: form?.queue?.id ?? "",
    after: form?.redirectUrl ? "redirect" : "message",
    thankYouMessage: form?.thankYouMessage ?? "",
    redirectUrl: form?.redirectUrl ?? "",
    captchaEnabled: form?.captchaEnabled ?? false,
  };
}

/** What the server stores for a draft: the choice made for "after sending" clears the other. */
function inputOf(draft: Draft): CaptureFormInput {
  return {
    name: draft.name,
    active: draft.active,
    // In the lead form's order, whatever order they were ticked in.
    fields: EXTRA_FIELDS.filter((key) => draft.fields.includes(key)),
    queueId: draft.queueId || null,
    captchaEnabled: draft.captchaEnabled,
    redirectUrl: draft.after === "redirect" ? draft.redirectUrl : null,
    thankYouMessage: draft.after === "message" ? draft.thankYouMessage : null,
  };
}

function FormEditor(props: { form: CaptureForm | null; onSaved: (id: string) => void; onClose: () => void }) {
  const id = useId();
  const toast = useToast();
  const { permissions } = useViewerAccess();
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.form));
  const queues = useQuery(FormQueuesQuery);
  const keys = useQuery(CaptchaKeysQuery);
  const [save, { loading, error, reset }] = useMutation(UpsertCaptureForm, {
    refetchQueries: [CaptureFormsQueryDocument],
    awaitRefetchQueries: true,
  });
  const errors = fieldErrorsOf(error);
  const fieldListError = Object.entries(errors).find(([field]) => field.startsWith("fields."))?.[1];
  const captchaReady = Boolean(keys.data?.captchaCredential);
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const input = inputOf(draft);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    try {
      const result = await save({ variables: { id: props.form?.id ?? null, input } });
      const saved = result.data?.upsertCaptureForm;
      if (saved) {
        toast.show(props.form ? `“${saved.name}” saved` : `“${saved.name}” created: copy its link or snippet below`);
        props.onSaved(saved.id);
      }
    } catch {
      // Shown next to the fields.
    }
  }

  const described = (field: string) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {};
  const fieldError = (field: string) =>
    errors[field] ? (
      <span className="field__error" id={`${id}-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;

  return (
    <Card className="admin__card">
      <section aria-labelledby={`${id}-title`}>
        <div className="admin__head">
          <h2 className="admin__title" id={`${id}-title`}>
            {props.form ? `Edit “${props.form.name}”` : "New form"}
          </h2>
          <Button size="sm" variant="ghost" onClick={props.onClose}>
            Close
          </Button>
        </div>
        <div className="form-editor">
          <form
            className="admin__form form-editor__settings"
            onSubmit={(event) => void onSubmit(event)}
            noValidate
            aria-labelledby={`${id}-title`}
          >
            <div className="field">
              <label htmlFor={`${id}-name`}>Form name</label>
              <input
                id={`${id}-name`}
                value={draft.name}
                onChange={(e) => change({ name: e.target.value })}
                autoComplete="off"
                placeholder="e.g. Talk to sales"
                {...described("name")}
              />
              {fieldError("name")}
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={draft.active} onChange={(e) => change({ active: e.target.checked })} />
              Accepting submissions
            </label>
            <fieldset className="choice-group" aria-describedby={`${id}-fields-help`}>
              <legend>Fields</legend>
              <p className="muted field__hint" id={`${id}-fields-help`}>
                Every form asks for {FORM_BASE_FIELDS.map(fieldLabel).join(", ").toLowerCase()}. Add:
              </p>
              <div className="choice-group__options">
                {EXTRA_FIELDS.map((key) => (
                  <label className="checkbox" key={key}>
                    <input
                      type="checkbox"
                      checked={draft.fields.includes(key)}
                      onChange={(e) =>
                        change({
                          fields: e.target.checked ? [...draft.fields, key] : draft.fields.filter((f) => f !== key),
                        })
                      }
                    />
                    {fieldLabel(key)}
                  </label>
                ))}
              </div>
              {fieldListError && <span className="field__error">{fieldListError}</span>}
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-queue`}>Queue</label>
              <select
                id={`${id}-queue`}
                value={draft.queueId}
                onChange={(e) => change({ queueId: e.target.value })}
                aria-describedby={`${id}-queue-help${errors.queueId ? ` ${id}-queueId-error` : ""}`}
                aria-invalid={errors.queueId ? true : undefined}
              >
                <option value="">No queue: routing rules alone decide</option>
                {queues.data?.queues.map((queue) => (
                  <option key={queue.id} value={queue.id}>
                    {queue.name}
                  </option>
                ))}
              </select>
              <span className="muted field__hint" id={`${id}-queue-help`}>
                Where the form's leads go when no routing rule matches them.
              </span>
              {fieldError("queueId")}
            </div>
            <fieldset className="choice-group">
              <legend>After sending</legend>
              <label className="checkbox">
                <input
                  type="radio"
                  name={`${id}-after`}
                  checked={draft.after === "message"}
                  onChange={() => change({ after: "message" })}
                />
                Show a thank-you message
              </label>
              <label className="checkbox">
                <input
                  type="radio"
                  name={`${id}-after`}
                  checked={draft.after === "redirect"}
                  onChange={() => change({ after: "redirect" })}
                />
                Send the visitor to a page of yours
              </label>
              {draft.after === "message" ? (
                <div className="field">
                  <label htmlFor={`${id}-thanks`}>Thank-you message</label>
                  <textarea
                    id={`${id}-thanks`}
                    rows={3}
                    maxLength={THANK_YOU_LIMIT}
                    value={draft.thankYouMessage}
                    placeholder="Thank you. We have your details and will be in touch soon."
                    onChange={(e) => change({ thankYouMessage: e.target.value })}
                    {...described("thankYouMessage")}
                  />
                  {fieldError("thankYouMessage")}
                </div>
              ) : (
                <div className="field">
                  <label htmlFor={`${id}-redirect`}>Page address</label>
                  <input
                    id={`${id}-redirect`}
                    type="url"
                    inputMode="url"
                    placeholder="https://www.example.com/thanks"
                    value={draft.redirectUrl}
                    onChange={(e) => change({ redirectUrl: e.target.value })}
                    {...described("redirectUrl")}
                  />
                  {fieldError("redirectUrl")}
                </div>
              )}
            </fieldset>
            <div className="choice-group">
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.captchaEnabled}
                  disabled={!captchaReady && !draft.captchaEnabled}
                  onChange={(e) => change({ captchaEnabled: e.target.checked })}
                  aria-describedby={`${id}-captcha-help${errors.captchaEnabled ? ` ${id}-captchaEnabled-error` : ""}`}
                />
                Ask for a reCAPTCHA check
              </label>
              <span className="muted field__hint" id={`${id}-captcha-help`}>
                {captchaReady
                  ? "Visitors tick Google's reCAPTCHA before sending; it needs JavaScript in their browser."
                  : permissions.admin
                    ? "Set the reCAPTCHA keys below first."
                    : "An admin sets the reCAPTCHA keys first."}
              </span>
              {fieldError("captchaEnabled")}
            </div>
            {error && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
            <div className="admin__actions">
              <Button type="submit" variant="primary" disabled={loading}>
                {loading ? "Saving…" : props.form ? "Save form" : "Create form"}
              </Button>
            </div>
          </form>
          <FormPreview input={input} redirectUrl={draft.after === "redirect" ? draft.redirectUrl : null} />
        </div>
      </section>
    </Card>
  );
}

/** The form as a visitor will see it, redrawn by the server a moment after each change. */
function FormPreview(props: { input: CaptureFormInput; redirectUrl: string | null }) {
  const id = useId();
  const [view, setView] = useState<"form" | "thanks">("form");
  const key = JSON.stringify(props.input);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(key), PREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [key]);
  const variables = useMemo(() => ({ input: JSON.parse(settled) as CaptureFormInput }), [settled]);
  const { data, previousData, error } = useQuery(CaptureFormPreviewQuery, { variables });
  const pages = (data ?? previousData)?.captureFormPreview;
  const frame = useRef<HTMLIFrameElement>(null);

  // The frame runs no scripts; its height is read from its document once drawn, so the page scrolls, not the frame.
  function fit() {
    const body = frame.current?.contentDocument?.documentElement;
    if (frame.current && body) frame.current.style.height = `${body.scrollHeight + 4}px`;
  }

  return (
    <section className="form-preview" aria-labelledby={`${id}-title`}>
      <div className="form-preview__head">
        <h3 className="admin__subtitle" id={`${id}-title`}>
          Preview
        </h3>
        <fieldset className="segmented">
          <legend className="visually-hidden">Show</legend>
          <button type="button" aria-pressed={view === "form"} onClick={() => setView("form")}>
            Form
          </button>
          <button type="button" aria-pressed={view === "thanks"} onClick={() => setView("thanks")}>
            After sending
          </button>
        </fieldset>
      </div>
      {error && !pages && <ErrorMessage error={error} />}
      {view === "thanks" && props.redirectUrl ? (
        <p className="form-preview__redirect">
          The visitor is sent to <code>{props.redirectUrl || "(no address yet)"}</code>.
        </p>
      ) : pages ? (
        <iframe
          ref={frame}
          className="form-preview__frame"
          title={view === "form" ? "The form as a visitor sees it" : "The page after sending"}
          // Same origin so its height can be read; no scripts, no submitting, no navigation.
          sandbox="allow-same-origin"
          srcDoc={view === "form" ? pages.formHtml : pages.thanksHtml}
          onLoad={fit}
        />
      ) : (
        !error && <p className="muted">Drawing the preview…</p>
      )}
    </section>
  );
}

/** A saved form's ways in: its hosted page and the snippet for a website, each with a Copy button. */
function EmbedCard(props: { form: CaptureForm; justCreated: boolean }) {
  const id = useId();
  const { form, justCreated } = props;
  const title = useRef<HTMLHeadingElement>(null);
  // A form just created: what to do next is here, so the keyboard and the view go here.
  useEffect(() => {
    if (justCreated) title.current?.focus();
  }, [justCreated]);
  return (
    <Card className="admin__card">
      <section aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`} ref={title} tabIndex={-1}>
          Share “{form.name}”
        </h2>
        <p className="muted">
          {form.submissions === 0
            ? "No submissions yet."
            : `${form.submissions} ${form.submissions === 1 ? "submission" : "submissions"} so far.`}{" "}
          UTM parameters in the link (<code>utm_source</code>, <code>utm_campaign</code>, …) become the lead's
          attribution.
        </p>
        <CopyField label="Hosted page" value={form.embedUrl} copyLabel="Copy link" />
        <CopyField label="Embed snippet" value={form.embedSnippet} copyLabel="Copy snippet" multiline />
        <p className="muted field__hint">Paste the snippet into your website's HTML where the form should appear.</p>
      </section>
    </Card>
  );
}

function CopyField(props: { label: string; value: string; copyLabel: string; multiline?: boolean }) {
  const id = useId();
  const toast = useToast();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.value);
      toast.show("Copied to the clipboard");
    } catch {
      // No clipboard access (a page served over plain HTTP, say): select it for the keyboard's copy instead.
      field.current?.select();
      toast.show("Selected: press Ctrl+C (⌘C) to copy it");
    }
  }

  return (
    <div className="field copy-field">
      <label htmlFor={id}>{props.label}</label>
      <div className="copy-field__row">
        {props.multiline ? (
          <textarea
            id={id}
            ref={field}
            className="copy-field__value"
            readOnly
            rows={2}
            value={props.value}
            onFocus={(e) => e.target.select()}
          />
        ) : (
          <input
            id={id}
            ref={field}
            className="copy-field__value"
            readOnly
            value={props.value}
            onFocus={(e) => e.target.select()}
          />
        )}
        <Button size="sm" onClick={() => void copy()}>
          {props.copyLabel}
        </Button>
      </div>
    </div>
  );
}
