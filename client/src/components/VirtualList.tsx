import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";

/**
 * A windowed list of fixed-height rows in its own scroll box: only the rows
 * in view (plus `overscan`) are in the DOM, so a long inbox stays cheap.
 * `onEndReached` fires when the last rows come into view, to load the next page.
 */
export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  overscan?: number;
  onEndReached?: () => void;
  className?: string;
}) {
  const { items, rowHeight, overscan = 6, onEndReached } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });

  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    const measure = () => setViewport({ top: node.scrollTop, height: node.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((viewport.top + viewport.height) / rowHeight) + overscan);
  const nearEnd = viewport.height > 0 && last >= items.length - 2;

  useEffect(() => {
    if (nearEnd) onEndReached?.();
  }, [nearEnd, onEndReached]);

  return (
    <div
      ref={ref}
      className={["virtual-list", props.className].filter(Boolean).join(" ")}
      onScroll={(event) => {
        const node = event.currentTarget;
        setViewport({ top: node.scrollTop, height: node.clientHeight });
      }}
    >
      <ul className="virtual-list__inner" aria-label={props.label} style={{ height: items.length * rowHeight }}>
        {items.slice(first, last).map((item, offset) => {
          const index = first + offset;
          return (
            <li
              key={props.getKey(item)}
              className="virtual-list__row"
              style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
              aria-setsize={items.length}
              aria-posinset={index + 1}
            >
              {props.renderRow(item, index)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
