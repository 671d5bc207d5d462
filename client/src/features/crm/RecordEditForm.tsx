import { type FormEvent, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { describeError, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type RecordFieldSpec, RecordFields } from "./RecordFields";

/**
 * A company's or contact's details in one form. The server decides (seed
 * 002's uniqueness, formats, who may edit): a refusal naming fields is shown
 * at each field, any other under the form.
 */
export function RecordEditForm<K extends string>(props: {
  title: string;
  fields: readonly RecordFieldSpec<K>[];
  /** The record as stored; the form starts from it and returns to it after a save. */
  stored: Record<K, string>;
  /** Why the viewer may not edit the record, or null: the form is then disabled, with the reason shown. */
  reason?: string | null;
  /** Sends the values; answers the record as the server stored it (normalized). */
  save: (values: Record<K, string>) => Promise<Record<K, string> | null>;
}) {
  const toast = useToast();
  const [values, setValues] = useState(props.stored);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // What the server stored (normalized) after a save, or a teammate's change while nothing is edited.
  const [base, setBase] = useState(props.stored);
  const names = props.fields.map((f) => f.name);
  const changed = names.some((name) => values[name] !== base[name]);
  if (names.some((name) => props.stored[name] !== base[name])) {
    setBase(props.stored);
    if (!changed) setValues(props.stored);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const stored = await props.save(values);
      if (stored) {
        setBase(stored);
        setValues(stored);
      }
      setErrors({});
      setRefusal(null);
      toast.show(`${props.title} saved`);
    } catch (error) {
      const fields = fieldErrorsOf(error as Error);
      setErrors(fields);
      setRefusal(Object.keys(fields).length === 0 ? describeError(error as Error) : null);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card className="lead-page__card lead-section">
      <form onSubmit={onSubmit} aria-labelledby="record-form-title" noValidate>
        <div className="lead-section__head">
          <h2 id="record-form-title" className="lead-section__title">
            {props.title}
          </h2>
          {/* A record the viewer may not edit has nothing to save. */}
          {!props.reason && (
            <div className="lead-section__actions">
              {changed && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    setValues(base);
                    setErrors({});
                    setRefusal(null);
                  }}
                >
                  Discard
                </Button>
              )}
              <Button size="sm" variant="primary" type="submit" disabled={saving || !changed}>
                {saving ? "Saving…" : "Save"}
              </Button>
            </div>
          )}
        </div>
        {props.reason && (
          <p className="muted field__hint control-reason" data-testid="record-edit-reason">
            {props.reason}
          </p>
        )}
        <RecordFields
          fields={props.fields}
          values={values}
          errors={errors}
          disabled={!!props.reason}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        />
        {refusal && (
          <p className="error" role="alert">
            {refusal}
          </p>
        )}
      </form>
    </Card>
  );
}
