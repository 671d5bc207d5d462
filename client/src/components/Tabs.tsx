import { type KeyboardEvent, type ReactNode, useRef } from "react";

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
  /** A count shown beside the label; `null` while unknown. */
  count?: number | null;
}

const countFormat = new Intl.NumberFormat();

/**
 * An ARIA tab list with roving focus (arrow keys, Home, End). The panel is
 * the caller's: give it `id={panelId}`, role="tabpanel" and aria-labelledby the selected tab's id.
 */
export function Tabs<T extends string>(props: {
  label: string;
  items: readonly TabItem<T>[];
  value: T;
  onChange: (value: T) => void;
  idPrefix: string;
  panelId: string;
}) {
  const { items, value, onChange, idPrefix, panelId } = props;
  const refs = useRef(new Map<T, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = items.findIndex((item) => item.id === value);
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % items.length
        : event.key === "ArrowLeft"
          ? (index - 1 + items.length) % items.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? items.length - 1
              : -1;
    const item = items[next];
    if (!item) return;
    event.preventDefault();
    onChange(item.id);
    refs.current.get(item.id)?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label={props.label} onKeyDown={onKeyDown}>
      {items.map((item) => {
        const selected = item.id === value;
        return (
          <button
            key={item.id}
            ref={(node) => {
              if (node) refs.current.set(item.id, node);
              else refs.current.delete(item.id);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-${item.id}`}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            className="tabs__tab"
            onClick={() => onChange(item.id)}
          >
            <span>{item.label}</span>
            {item.count !== undefined && (
              <span className="tabs__count" data-testid={`tab-count-${item.id}`}>
                {item.count === null ? "–" : countFormat.format(item.count)}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
