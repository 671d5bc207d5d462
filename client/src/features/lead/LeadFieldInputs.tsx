import { useId } from "react";
import { LEAD_FIELDS, type LeadFieldName, type LeadFieldValues } from "./lead-fields";

/** The lead's text fields as labelled inputs, each with its error beside it (shared by the lead page and New lead). */
export function LeadFieldInputs(props: {
  values: LeadFieldValues;
  errors: Record<string, string>;
  disabled?: boolean;
  required?: readonly LeadFieldName[];
  /** The fields to show (New lead hides those the chosen company or contact supplies); all by default. */
  shown?: readonly LeadFieldName[];
  onChange: (name: LeadFieldName, value: string) => void;
}) {
  const prefix = useId();
  const fields = props.shown ? LEAD_FIELDS.filter((f) => props.shown?.includes(f.name)) : LEAD_FIELDS;
  return (
    <div className="form-grid">
      {fields.map((field) => {
        const id = `${prefix}-${field.name}`;
        const error = props.errors[field.name];
        const errorId = `${id}-error`;
        const common = {
          id,
          name: field.name,
          value: props.values[field.name],
          disabled: props.disabled,
          required: props.required?.includes(field.name),
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? errorId : undefined,
        };
        return (
          <div
            className={["field", field.wide && "field--wide", common.required && "field--required"]
              .filter(Boolean)
              .join(" ")}
            key={field.name}
            data-field={field.name}
          >
            <label htmlFor={id}>{field.label}</label>
            {field.type === "textarea" ? (
              <textarea rows={3} {...common} onChange={(e) => props.onChange(field.name, e.target.value)} />
            ) : (
              <input type={field.type} {...common} onChange={(e) => props.onChange(field.name, e.target.value)} />
            )}
            {error && (
              <span className="field__error" id={errorId}>
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

export function emptyLeadValues(): LeadFieldValues {
  return Object.fromEntries(LEAD_FIELDS.map((f) => [f.name, ""])) as LeadFieldValues;
}

/** The form's values from a lead (nulls become empty inputs). */
export function leadValues(lead: Partial<Record<LeadFieldName, string | null>>): LeadFieldValues {
  return Object.fromEntries(LEAD_FIELDS.map((f) => [f.name, lead[f.name] ?? ""])) as LeadFieldValues;
}
