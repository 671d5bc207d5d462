import { useQuery } from "@apollo/client/react";
import {
  type Announcements,
  type ClientRect,
  type CollisionDetection,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  type KeyboardSensorProps,
  PointerSensor,
  pointerWithin,
  type UniqueIdentifier,
  useDraggable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { canTransition, MAX_CARDS_PER_COLUMN } from "@leadline/shared";
import {
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { flushSync } from "react-dom";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { useFragment as unmask } from "../../gql";
import { useViewerAccess } from "../auth/useViewer";
import { BoardCardFragment, BoardCardView } from "./BoardCard";
import { BoardColumn } from "./BoardColumn";
import { BoardQuery, boardVariables, PER_COLUMN } from "./BoardQuery";
import type { BoardColumnData, BoardEdge } from "./board-cache";
import { PipelinePicker } from "./PipelinePicker";
import { useBoardLive } from "./useBoardLive";
import { useMoveLead } from "./useMoveLead";

type Stage = BoardColumnData["stage"];

/** The card being dragged, where it started, and each column's working order during the drag. */
interface Drag {
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
const DND_ID = "board-dnd";
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

/**
 * The one card dnd-kit knows about: the card whose handle was pressed. Hooks on every card
 * made a board of hundreds slow to mount; binding one card on demand keeps cards plain.
 * Re-binds after every render, since a card moving to another column is a new element.
 */
function DragSource(props: {
  id: string | null;
  board: RefObject<HTMLElement | null>;
  listeners: RefObject<ReturnType<typeof useDraggable>["listeners"]>;
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

/** Why `to` refuses a card from `from`, or null when the move is allowed. */
function refusal(
  from: Stage,
  to: BoardColumnData,
  preset: string | null | undefined,
  mayExceedWip: boolean,
): string | null {
  if (from.key === to.stage.key) return null;
  if (preset === "lifecycle" && to.stage.category === "WON") return "Convert from the lead page";
  if (!canTransition(from, to.stage.key)) return `Not reachable from ${from.label}`;
  if (!mayExceedWip && to.stage.wipLimit != null && to.totalCount >= to.stage.wipLimit) return "At its WIP limit";
  return null;
}

export function BoardPage(props: { pipelineId: string | null }) {
  // Cards read per column, grown by "Show more"; another pipeline starts again from PER_COLUMN.
  const [grown, setGrown] = useState({ pipelineId: props.pipelineId, perColumn: PER_COLUMN });
  const perColumn = grown.pipelineId === props.pipelineId ? grown.perColumn : PER_COLUMN;
  const variables = boardVariables(props.pipelineId, perColumn);
  const query = useQuery(BoardQuery, { variables, fetchPolicy: "cache-and-network" });
  const { error, loading } = query;
  // While a grown board loads, the cards already shown stay (no flash of "Loading").
  const data = query.data ?? (perColumn > PER_COLUMN ? query.previousData : undefined);
  const showMore =
    perColumn < MAX_CARDS_PER_COLUMN
      ? () =>
          setGrown({ pipelineId: props.pipelineId, perColumn: Math.min(perColumn + PER_COLUMN, MAX_CARDS_PER_COLUMN) })
      : null;
  const { permissions } = useViewerAccess();
  const toast = useToast();
  const move = useMoveLead(variables);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [bound, setBound] = useState<string | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  const listeners = useRef<ReturnType<typeof useDraggable>["listeners"]>(undefined);
  const dragRef = useRef<Drag | null>(null);
  dragRef.current = drag;
  const board = data?.board;
  useBoardLive(variables, board?.pipeline.id ?? null, data?.catchUpCursor, () => dragRef.current !== null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensorInStep, { coordinateGetter: keyboardCoordinates }),
  );

  const columns = board?.columns ?? [];
  const edges = useMemo(() => {
    const map = new Map<string, BoardEdge>();
    for (const column of board?.columns ?? []) for (const edge of column.leads.edges) map.set(edge.node.id, edge);
    return map;
  }, [board]);
  const statusOf = (id: UniqueIdentifier): string | null => {
    const key = String(id);
    if (key.startsWith("column:")) return key.slice("column:".length);
    if (drag) return Object.keys(drag.order).find((status) => drag.order[status]?.includes(key)) ?? null;
    return columns.find((column) => column.leads.edges.some((edge) => edge.node.id === key))?.stage.key ?? null;
  };
  const fromStage = drag ? columns.find((column) => column.stage.key === drag.from)?.stage : undefined;
  const reasons = new Map(
    columns.map((column) => [
      column.stage.key,
      fromStage ? refusal(fromStage, column, board?.pipeline.preset, permissions.manage) : null,
    ]),
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

  return (
    <section className="board-page">
      <div className="page-toolbar">
        <h1 className="page-title">{board?.pipeline.name ?? "Board"}</h1>
        <PipelinePicker value={board?.pipeline.id ?? props.pipelineId} />
      </div>
      {error && !board && <ErrorMessage error={error} />}
      {loading && !board && <p className="muted">Loading the board…</p>}
      {board && (
        <DndContext
          id={DND_ID}
          sensors={sensors}
          collisionDetection={collisions}
          onDragStart={onDragStart}
          onDragMove={follow}
          onDragOver={follow}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDrag(null)}
          accessibility={{
            announcements,
            screenReaderInstructions: {
              draggable:
                "To move a lead, press space or enter on its handle, use the arrow keys to choose a column and place, then press space or enter again. Escape cancels.",
            },
          }}
        >
          <DragSource id={bound} board={boardRef} listeners={listeners} />
          {/* Presses are caught here, for every card's handle at once. */}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: the handles inside are the buttons. */}
          <div
            ref={boardRef}
            className={`board${drag ? " is-dragging" : ""}`}
            data-testid="board"
            onPointerDown={onPress}
            onKeyDown={onPress}
          >
            {columns.map((column) => (
              <BoardColumn
                key={column.stage.key}
                column={column}
                ids={drag?.order[column.stage.key] ?? column.leads.edges.map((edge) => edge.node.id)}
                edges={edges}
                blockedReason={reasons.get(column.stage.key) ?? null}
                dragId={drag?.id ?? null}
                describedBy={DND_ID}
                onShowMore={showMore}
                loadingMore={loading && perColumn > PER_COLUMN}
              />
            ))}
          </div>
          <DragOverlay>
            {drag && edges.get(drag.id) ? (
              <BoardCardView lead={(edges.get(drag.id) as BoardEdge).node} overlay />
            ) : null}
          </DragOverlay>
        </DndContext>
      )}
    </section>
  );
}
