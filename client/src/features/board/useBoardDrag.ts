import {
  type Announcements,
  type ClientRect,
  type CollisionDetection,
  closestCorners,
  type DndContextProps,
  type DragEndEvent,
  type DragMoveEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  type KeyboardSensorProps,
  PointerSensor,
  pointerWithin,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { type KeyboardEvent, type PointerEvent, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useToast } from "../../components/Toast";
import { useFragment as unmask } from "../../gql";
import { useViewerAccess } from "../auth/useViewer";
import { BoardCardFragment } from "./BoardCard";
import type { BoardColumnData, BoardEdge } from "./board-cache";
import type { DragListeners } from "./DragSource";
import { stageMoveRefusal } from "./stage-moves";
import type { MoveRequest } from "./useMoveLead";

type Stage = BoardColumnData["stage"];

/** The card being dragged, where it started, and each column's working order during the drag. */
export interface Drag {
  id: string;
  from: string;
  order: Record<string, string[]>;
}

/**
 * Pointer drags count only the columns under the pointer, so hovering a
 * refused column never slides the card into its neighbour; keyboard drags
 * (no pointer) go to the nearest column that accepts the card.
 */
const collisions: CollisionDetection = (args) => {
  if (args.pointerCoordinates) return pointerWithin(args);
  return closestCorners(args);
};

/** The drag instructions' id: every card handle points at them. */
export const DND_ID = "board-dnd";
/** Space between cards in a column (styles.css, .board-column__list gap). */
const CARD_GAP = 8;

/** Arrow keys: left and right to the nearest column that takes the card, up and down by one card. */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const rect = context.collisionRect;
  if (!rect) return undefined;
  if (event.code === "ArrowUp" || event.code === "ArrowDown") {
    const step = rect.height + CARD_GAP;
    return { ...currentCoordinates, y: currentCoordinates.y + (event.code === "ArrowUp" ? -step : step) };
  }
  if (event.code !== "ArrowLeft" && event.code !== "ArrowRight") return undefined;
  const sign = event.code === "ArrowRight" ? 1 : -1;
  const centre = rect.left + rect.width / 2;
  let nearest: ClientRect | null = null;
  // Refusing columns are disabled droppables: not among the enabled ones, so the card skips them.
  for (const container of context.droppableContainers.getEnabled()) {
    const column = context.droppableRects.get(container.id);
    if (!column) continue;
    const distance = sign * (column.left + column.width / 2 - centre);
    if (distance > 1 && (!nearest || distance < sign * (nearest.left + nearest.width / 2 - centre))) nearest = column;
  }
  if (!nearest) return undefined;
  return { ...currentCoordinates, x: currentCoordinates.x + nearest.left + nearest.width / 2 - centre };
};

/**
 * The keyboard sensor with each key's move rendered at once, so a drop pressed right after an
 * arrow key lands where that key put the card (the browser runs input before React's queued render).
 */
class KeyboardSensorInStep extends KeyboardSensor {
  constructor(props: KeyboardSensorProps) {
    super(props);
    // dnd-kit starts listening for keys on the next task, through this (private) bound handler.
    const self = this as unknown as { handleKeyDown: (event: Event) => void };
    const handleKeyDown = self.handleKeyDown;
    self.handleKeyDown = (event) => flushSync(() => handleKeyDown(event));
  }
}

/** Why `to` refuses a card from `from`, or null when the move is allowed. */
function refusal(from: Stage, to: BoardColumnData, mayExceedWip: boolean): string | null {
  if (from.key === to.stage.key) return null;
  const stageRefusal = stageMoveRefusal(from, to.stage);
  if (stageRefusal) return stageRefusal;
  if (!mayExceedWip && to.stage.wipLimit != null && to.totalCount >= to.stage.wipLimit) return "At its WIP limit";
  return null;
}

/**
 * Dragging cards between and within the board's columns: the sensors, the card's working place
 * while it moves (the column under it and the height of its middle), which columns refuse it,
 * and on the drop the target column with the neighbours (afterId, beforeId) handed to `move`.
 */
export function useBoardDrag(params: {
  columns: readonly BoardColumnData[];
  edges: Map<string, BoardEdge>;
  move: (request: MoveRequest) => void;
}) {
  const { columns, edges, move } = params;
  const { permissions } = useViewerAccess();
  const toast = useToast();
  const [drag, setDrag] = useState<Drag | null>(null);
  const [bound, setBound] = useState<string | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  const listeners = useRef<DragListeners>(undefined);
  const dragRef = useRef<Drag | null>(null);
  dragRef.current = drag;

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensorInStep, { coordinateGetter: keyboardCoordinates }),
  );

  const statusOf = (id: UniqueIdentifier): string | null => {
    const key = String(id);
    if (key.startsWith("column:")) return key.slice("column:".length);
    if (drag) return Object.keys(drag.order).find((status) => drag.order[status]?.includes(key)) ?? null;
    return columns.find((column) => column.leads.edges.some((edge) => edge.node.id === key))?.stage.key ?? null;
  };
  const fromStage = drag ? columns.find((column) => column.stage.key === drag.from)?.stage : undefined;
  const reasons = new Map(
    columns.map((column) => [column.stage.key, fromStage ? refusal(fromStage, column, permissions.manage) : null]),
  );
  const cardOf = (id: UniqueIdentifier) => {
    const edge = edges.get(String(id));
    return edge ? unmask(BoardCardFragment, edge.node) : null;
  };
  const nameOf = (id: UniqueIdentifier) => cardOf(id)?.name ?? "The lead";
  const labelOf = (id: UniqueIdentifier | undefined) => {
    const status = id === undefined ? null : statusOf(id);
    return columns.find((column) => column.stage.key === status)?.stage.label ?? "no column";
  };

  function onDragStart(event: DragStartEvent) {
    const id = String(event.active.id);
    const from = statusOf(id);
    if (!from) return;
    const order: Record<string, string[]> = {};
    for (const column of columns) order[column.stage.key] = column.leads.edges.map((edge) => edge.node.id);
    setDrag({ id, from, order });
  }

  /** A press on a card's handle binds that card to dnd-kit, then lets dnd-kit's sensor see the press. */
  function onPress(event: PointerEvent<HTMLElement> | KeyboardEvent<HTMLElement>) {
    const id = (event.target as Element).closest<HTMLElement>("[data-drag-handle]")?.dataset.dragHandle;
    if (!id || drag) return;
    if (bound !== id) flushSync(() => setBound(id));
    if (event.type === "pointerdown") listeners.current?.onPointerDown?.(event);
    else listeners.current?.onKeyDown?.(event);
  }

  /**
   * The drag with the card where it would land: in the column under it when that column takes it,
   * between the cards there at the height of its middle. Null when nothing changes.
   */
  function placed(current: Drag, event: DragMoveEvent | DragOverEvent | DragEndEvent): Drag | null {
    const { active } = event;
    const rect = active.rect.current.translated;
    // The nearest collision is current when the column dnd-kit reports as `over` may not be yet.
    const overId = event.collisions?.[0]?.id ?? event.over?.id;
    if (overId === undefined || !rect) return null;
    const id = String(active.id);
    const from = Object.keys(current.order).find((status) => current.order[status]?.includes(id));
    const target = statusOf(overId);
    if (!from || !target || reasons.get(target)) return null;
    const others = (current.order[target] ?? []).filter((cardId) => cardId !== id);
    const middle = rect.top + rect.height / 2;
    const cards = boardRef.current?.querySelectorAll<HTMLElement>(
      `section[data-status="${CSS.escape(target)}"] [data-card-id]`,
    );
    // Cards are compared where they would be without the dragged card's own place, so where the card
    // lands does not depend on where it was shown last (no back and forth, and one arrow key is one card).
    let at = 0;
    let shift = 0;
    for (const card of cards ?? []) {
      const box = card.getBoundingClientRect();
      if (card.dataset.cardId === id) {
        shift = box.height + CARD_GAP;
        continue;
      }
      if (box.top - shift + box.height / 2 >= middle) break;
      at++;
    }
    if (from === target && (current.order[target] ?? []).indexOf(id) === at) return null;
    return {
      ...current,
      order: {
        ...current.order,
        [from]: (current.order[from] ?? []).filter((cardId) => cardId !== id),
        [target]: [...others.slice(0, at), id, ...others.slice(at)],
      },
    };
  }

  function follow(event: DragMoveEvent | DragOverEvent) {
    const next = drag && placed(drag, event);
    if (next) setDrag(next);
  }

  function onDragEnd(event: DragEndEvent) {
    // The drop can come before the last move's re-render: place the card from the drop itself.
    const current = drag && (placed(drag, event) ?? drag);
    setDrag(null);
    if (!current) return;
    const { active, over } = event;
    const status = Object.keys(current.order).find((key) => current.order[key]?.includes(String(active.id)));
    if (!status) return;
    const ids = current.order[status] ?? [];
    const index = ids.indexOf(String(active.id));
    const afterId = ids[index - 1] ?? null;
    const beforeId = ids[index + 1] ?? null;
    const original = columns.find((column) => column.stage.key === current.from)?.leads.edges ?? [];
    const originalIndex = original.findIndex((edge) => edge.node.id === current.id);
    if (
      status === current.from &&
      (original[originalIndex - 1]?.node.id ?? null) === afterId &&
      (original[originalIndex + 1]?.node.id ?? null) === beforeId
    ) {
      const refusedOver = over ? statusOf(over.id) : null;
      const reason = refusedOver ? reasons.get(refusedOver) : null;
      if (refusedOver && reason) toast.show(`${labelOf(over?.id)}: ${reason}`, "danger");
      return;
    }
    const stage = columns.find((column) => column.stage.key === status)?.stage;
    const card = cardOf(current.id);
    if (!stage || !card) return;
    move({
      leadId: current.id,
      toStatus: status,
      afterId,
      beforeId,
      version: card.version,
      stage: { key: stage.key, label: stage.label, category: stage.category },
    });
  }

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)} in ${labelOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(active.id)} is over ${labelOf(over.id)}.` : `${nameOf(active.id)} is over no column.`,
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} dropped in ${labelOf(over.id)}.` : `${nameOf(active.id)} returned.`,
    onDragCancel: ({ active }) => `Move cancelled; ${nameOf(active.id)} is back where it was.`,
  };

  const context: DndContextProps = {
    id: DND_ID,
    sensors,
    collisionDetection: collisions,
    onDragStart,
    onDragMove: follow,
    onDragOver: follow,
    onDragEnd,
    onDragCancel: () => setDrag(null),
    accessibility: {
      announcements,
      screenReaderInstructions: {
        draggable:
          "To move a lead, press space or enter on its handle, use the arrow keys to choose a column and place, then press space or enter again. Escape cancels.",
      },
    },
  };

  return {
    /** The drag under way (card, origin, working order), or null. */
    drag,
    /** Per column, why it refuses the dragged card (null when it takes it, or when nothing is dragged). */
    reasons,
    /** Read at call time, for live updates that must wait for the drop. */
    isDragging: () => dragRef.current !== null,
    /** The board element: presses on its handles go through `onPress`. */
    boardRef,
    onPress,
    /** Props for the DndContext around the board. */
    context,
    /** Props for the one DragSource inside the DndContext. */
    source: { id: bound, board: boardRef, listeners },
  };
}
