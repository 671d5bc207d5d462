import { useQuery } from "@apollo/client/react";
import {
  type Announcements,
  type CollisionDetection,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { arrayMove, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { canTransition } from "@leadline/shared";
import { useMemo, useRef, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { useFragment as unmask } from "../../gql";
import { useViewerAccess } from "../auth/useViewer";
import { BoardCardFragment, BoardCardView } from "./BoardCard";
import { BoardColumn } from "./BoardColumn";
import { BoardQuery, boardVariables } from "./BoardQuery";
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
  const variables = boardVariables(props.pipelineId);
  const { data, error, loading } = useQuery(BoardQuery, { variables, fetchPolicy: "cache-and-network" });
  const { permissions } = useViewerAccess();
  const toast = useToast();
  const move = useMoveLead(variables);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  dragRef.current = drag;
  const board = data?.board;
  useBoardLive(variables, board?.pipeline.id ?? null, () => dragRef.current !== null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
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

  /** Carries the card into another column as it passes over it, when that column accepts it. */
  function onDragOver(event: DragOverEvent) {
    const { active, over } = event;
    if (!drag || !over) return;
    const current = statusOf(active.id);
    const target = statusOf(over.id);
    if (!current || !target || current === target || reasons.get(target)) return;
    const id = String(active.id);
    const targetIds = drag.order[target] ?? [];
    const overIndex = targetIds.indexOf(String(over.id));
    const activeRect = active.rect.current.translated;
    const below = overIndex >= 0 && activeRect !== null && activeRect.top > over.rect.top + over.rect.height / 2;
    const at = overIndex < 0 ? targetIds.length : overIndex + (below ? 1 : 0);
    setDrag({
      ...drag,
      order: {
        ...drag.order,
        [current]: (drag.order[current] ?? []).filter((cardId) => cardId !== id),
        [target]: [...targetIds.slice(0, at), id, ...targetIds.slice(at)],
      },
    });
  }

  function onDragEnd(event: DragEndEvent) {
    const current = drag;
    setDrag(null);
    if (!current) return;
    const { active, over } = event;
    const status = statusOf(active.id);
    if (!status) return;
    let ids = current.order[status] ?? [];
    if (over && statusOf(over.id) === status && over.id !== active.id) {
      const from = ids.indexOf(String(active.id));
      const to = ids.indexOf(String(over.id));
      if (from >= 0 && to >= 0) ids = arrayMove(ids, from, to);
    }
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
          sensors={sensors}
          collisionDetection={collisions}
          onDragStart={onDragStart}
          onDragOver={onDragOver}
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
          <div className={`board${drag ? " is-dragging" : ""}`} data-testid="board">
            {columns.map((column) => (
              <BoardColumn
                key={column.stage.key}
                column={column}
                ids={drag?.order[column.stage.key] ?? column.leads.edges.map((edge) => edge.node.id)}
                edges={edges}
                blockedReason={reasons.get(column.stage.key) ?? null}
                dragging={drag !== null}
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
