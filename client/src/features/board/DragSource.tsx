import { useDraggable } from "@dnd-kit/core";
import { type RefObject, useLayoutEffect } from "react";

export type DragListeners = ReturnType<typeof useDraggable>["listeners"];

/**
 * The one card dnd-kit knows about: the card whose handle was pressed. Hooks on every card
 * made a board of hundreds slow to mount; binding one card on demand keeps cards plain.
 * Re-binds after every render, since a card moving to another column is a new element.
 */
export function DragSource(props: {
  id: string | null;
  board: RefObject<HTMLElement | null>;
  listeners: RefObject<DragListeners>;
}) {
  const { id, board, listeners: latest } = props;
  const { setNodeRef, setActivatorNodeRef, listeners } = useDraggable({ id: id ?? "", disabled: id === null });
  useLayoutEffect(() => {
    const card = id ? board.current?.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(id)}"]`) : null;
    setNodeRef(card ?? null);
    setActivatorNodeRef(card?.querySelector<HTMLElement>("[data-drag-handle]") ?? null);
    latest.current = listeners;
  });
  return null;
}
