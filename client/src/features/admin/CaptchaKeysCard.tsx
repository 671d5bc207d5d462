import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Dialog } from "../../components/Dialog";
import { ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql } from "../../gql";
import { useViewerAccess } from "../auth/useViewer";
import { dateTime } from "../lead/date-time";

export const CaptchaKeysQuery = graphql(`
  query CaptchaKeys {
    captchaCredential {
      siteKey
      secretSet
      updatedAt
    }
  }
`);

const SetCaptchaKeys = graphql(`
  mutation SetCaptchaKeys($siteKey: String!, $secret: String!) {
    setCaptchaCredential(siteKey: $siteKey, secret: $secret)
  }
`);

const ClearCaptchaKeys = graphql(`
  mutation ClearCaptchaKeys {
    clearCaptchaCredential
  }
`);

/**
 * The workspace's reCAPTCHA keys. The site key is public (it is in every
 * captcha form's page); the secret is write-only: entered here, stored
 * sealed, and from then on shown only as "set". Admins set and remove them;
 * marketers see whether they are set, which decides if a form may ask for a captcha.
 */
export function CaptchaKeysCard() {
  const id = useId();
  const { permissions } = useViewerAccess();
  const { data, error } = useQuery(CaptchaKeysQuery);
  const keys = data?.captchaCredential ?? null;
  return (
    <Card className="admin__card">
      <section aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          reCAPTCHA keys
        </h2>
        <p className="muted">
          From Google's reCAPTCHA admin console (v2, “I'm not a robot”). Forms that ask for a captcha check each answer
          with the secret key.
        </p>
        {error && !data && <ErrorMessage error={error} />}
        {data && (
          <dl className="kv captcha-status">
            <div>
              <dt>Site key</dt>
              <dd>{keys ? <code>{keys.siteKey}</code> : <span className="muted">Not set</span>}</dd>
            </div>
            <div>
              <dt>Secret key</dt>
              <dd>
                {keys?.secretSet ? (
                  <>
                    <Badge tone="success">Set</Badge>{" "}
                    <span className="muted">{dateTime.format(new Date(keys.updatedAt))}</span>
                  </>
                ) : (
                  <span className="muted">Not set</span>
                )}
              </dd>
            </div>
          </dl>
        )}
        {permissions.admin ? (
          data && <CaptchaKeysForm currentSiteKey={keys?.siteKey ?? ""} isSet={Boolean(keys)} />
        ) : (
          <p className="muted">An admin enters and changes these keys.</p>
        )}
      </section>
    </Card>
  );
}

function CaptchaKeysForm(props: { currentSiteKey: string; isSet: boolean }) {
  const id = useId();
  const toast = useToast();
  const [siteKey, setSiteKey] = useState(props.currentSiteKey);
  const [secret, setSecret] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [save, saving] = useMutation(SetCaptchaKeys, { refetchQueries: [CaptchaKeysQuery] });
  const [clear, clearing] = useMutation(ClearCaptchaKeys, { refetchQueries: [CaptchaKeysQuery] });
  const errors = fieldErrorsOf(saving.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    saving.reset();
    clearing.reset();
    try {
      await save({ variables: { siteKey, secret } });
      // The secret leaves the page once the server has it.
      setSecret("");
      toast.show("reCAPTCHA keys saved");
    } catch {
      // Shown next to the fields.
    }
  }

  async function onClear() {
    setConfirming(false);
    saving.reset();
    clearing.reset();
    try {
      await clear();
      setSiteKey("");
      toast.show("reCAPTCHA keys removed");
    } catch {
      // Shown below (a form still asks for the captcha, say).
    }
  }

  const described = (field: string, extra?: string) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby":
      [extra, errors[field] ? `${id}-${field}-error` : undefined].filter(Boolean).join(" ") || undefined,
  });

  return (
    <form className="admin__form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="reCAPTCHA keys">
      <div className="field">
        <label htmlFor={`${id}-site`}>Site key</label>
        <input
          id={`${id}-site`}
          autoComplete="off"
          spellCheck={false}
          value={siteKey}
          onChange={(e) => setSiteKey(e.target.value)}
          {...described("siteKey")}
        />
        {errors.siteKey && (
          <span className="field__error" id={`${id}-siteKey-error`}>
            {errors.siteKey}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-secret`}>Secret key</label>
        <input
          id={`${id}-secret`}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={secret}
          placeholder={props.isSet ? "Set: type a new one to replace it" : ""}
          onChange={(e) => setSecret(e.target.value)}
          {...described("secret", `${id}-secret-help`)}
        />
        <span className="muted field__hint" id={`${id}-secret-help`}>
          Write-only: it is stored encrypted and never shown again, here or by any API.
        </span>
        {errors.secret && (
          <span className="field__error" id={`${id}-secret-error`}>
            {errors.secret}
          </span>
        )}
      </div>
      {saving.error && Object.keys(errors).length === 0 && <ErrorMessage error={saving.error} />}
      {clearing.error && <ErrorMessage error={clearing.error} />}
      <div className="admin__actions">
        <Button type="submit" variant="primary" disabled={saving.loading}>
          {saving.loading ? "Saving…" : props.isSet ? "Replace keys" : "Save keys"}
        </Button>
        {props.isSet && (
          <Button variant="danger" onClick={() => setConfirming(true)} disabled={clearing.loading}>
            Remove keys
          </Button>
        )}
      </div>
      <Dialog
        open={confirming}
        title="Remove the reCAPTCHA keys?"
        onClose={() => setConfirming(false)}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>Keep them</Button>
            <Button variant="danger" onClick={() => void onClear()}>
              Remove keys
            </Button>
          </>
        }
      >
        <p>Forms can no longer ask for a captcha. A form that still does must have it turned off first.</p>
      </Dialog>
    </form>
  );
}
