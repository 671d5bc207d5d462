import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "default" | "primary" | "ghost" | "danger";

/** The app's one button: `variant` sets the emphasis, `size="sm"` fits toolbars and cards. */
export function Button(
  props: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: "sm" | "md" },
) {
  const { variant = "default", size = "md", className, type = "button", ...rest } = props;
  const classes = ["button", `button--${variant}`, size === "sm" && "button--sm", className].filter(Boolean);
  return <button type={type} className={classes.join(" ")} {...rest} />;
}
