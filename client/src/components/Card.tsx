import type { HTMLAttributes } from "react";

/** A surface with a border and a light shadow; `interactive` adds hover and focus states. */
export function Card(props: HTMLAttributes<HTMLDivElement> & { interactive?: boolean }) {
  const { interactive, className, ...rest } = props;
  return (
    <div className={["card", interactive && "card--interactive", className].filter(Boolean).join(" ")} {...rest} />
  );
}
