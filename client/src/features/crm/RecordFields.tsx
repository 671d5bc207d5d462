import { useId } from "react";

export interface RecordFieldSpec<K extends string> {
  name: K;
  label: string;
  type?: "text" | "email" | "tel";
  required?: boolean;
}

/** A record's text inputs, each with its error beside it and tied to it (aria-describedby). */
export function RecordFields<K extends string>(props: {
  fields: readonly RecordFieldSpec<K>[];
  values: Record<K, string>;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (name: K, value: string) => void;
}) {
  const prefix = useId();
  return (
    <div className="form-grid">
      {props.fields.map((field) => {
        const id = `${prefix}-${field.name}`;
        const error = props.errors[field.name];
        return (
          <div className="field" key={field.name} data-field={field.name}>
            <label htmlFor={id}>{field.label}</label>
            <input
              id={id}
              name={field.name}
              type={field.type ?? "text"}
              value={props.values[field.name]}
              required={field.required}
              disabled={props.disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => props.onChange(field.name, e.target.value)}
            />
            {error && (
              <span className="field__error" id={`${id}-error`}>
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
