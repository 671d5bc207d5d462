import type { ErrorLike } from "@apollo/client";
import { type ReactNode, useId } from "react";
import { Card } from "../../components/Card";
import { ErrorMessage } from "../../components/ErrorMessage";

/**
 * One dashboard panel: its title, and its figures once they came (a refetch
 * keeps the last ones on screen and marks the panel busy instead of blanking it).
 */
export function Panel(props: {
  title: string;
  hint?: string;
  testId: string;
  ready: boolean;
  busy: boolean;
  error: ErrorLike | undefined;
  wide?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Card className={`dash-panel${props.wide ? " dash-panel--wide" : ""}`} data-testid={props.testId}>
      <section aria-labelledby={`${id}-title`} aria-busy={props.busy}>
        <header className="dash-panel__header">
          <h2 id={`${id}-title`} className="dash-panel__title">
            {props.title}
          </h2>
          {props.hint && <p className="dash-panel__hint muted">{props.hint}</p>}
        </header>
        {props.error && !props.ready ? (
          <ErrorMessage error={props.error} />
        ) : props.ready ? (
          props.children
        ) : (
          <p className="muted dash-panel__loading">Loading…</p>
        )}
      </section>
    </Card>
  );
}

/** A chart drawn for the eye, its figures given to assistive technology by the table beside it. */
export function ChartFigure(props: { label: string; height?: number; children: ReactNode }) {
  return (
    <div className="dash-chart" role="img" aria-label={props.label} style={{ height: props.height ?? 240 }}>
      {props.children}
    </div>
  );
}
