import { ROLES } from "@leadline/shared";
import type { Role } from "../../gql/graphql";
import { ROLE_LABELS } from "../../labels";

/**
 * Roles as a group of checkboxes (a user or a key may hold several). `errorId` ties the group to the error shown
 * under it, so a screen reader reads the refusal with the choice.
 */
export function RolePicker(props: {
  legend: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  disabled?: boolean;
  errorId?: string;
  /** Screen-reader only legend, where the row around the group already says whose roles these are. */
  hideLegend?: boolean;
}) {
  const { value, onChange } = props;
  const toggle = (role: Role, on: boolean) => onChange(ROLES.filter((r) => (r === role ? on : value.includes(r))));
  return (
    <fieldset
      className="role-picker"
      disabled={props.disabled}
      aria-describedby={props.errorId}
      aria-invalid={props.errorId ? true : undefined}
    >
      <legend className={props.hideLegend ? "visually-hidden" : "role-picker__legend"}>{props.legend}</legend>
      {ROLES.map((role) => (
        <label key={role} className="role-picker__role">
          <input type="checkbox" checked={value.includes(role)} onChange={(e) => toggle(role, e.target.checked)} />
          {ROLE_LABELS[role]}
        </label>
      ))}
    </fieldset>
  );
}
