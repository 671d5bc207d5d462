import type { HTMLAttributes } from "react";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger" | "accent";

/** A small pill for states and categories; colours come from the theme's tone variables. */
export function Badge(props: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  const { tone = "neutral", className, ...rest } = props;
  return <span className={["badge", `badge--${tone}`, className].filter(Boolean).join(" ")} {...rest} />;
}
