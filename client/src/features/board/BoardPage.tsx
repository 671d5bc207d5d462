import { useQuery } from "@apollo/client/react";
import { DndContext, DragOverlay } from "@dnd-kit/core";
import { MAX_CARDS_PER_COLUMN } from "@leadline/shared";
import { useMemo, useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { BoardCardView } from "./BoardCard";
import { BoardColumn } from "./BoardColumn";
import { BoardQuery, boardVariables, PER_COLUMN } from "./BoardQuery";
import type { BoardEdge } from "./board-cache";
import { DragSource } from "./DragSource";
import { PipelinePicker } from "./PipelinePicker";
import { DND_ID, useBoardDrag } from "./useBoardDrag";
import { useBoardLive } from "./useBoardLive";
import { useMoveLead } from "./useMoveLead";

/** The kanban: its columns read and grown page by page, cards dragged between them, kept live. */
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
  const move = useMoveLead(variables);
  const board = data?.board;
  const columns = board?.columns ?? [];
  const edges = useMemo(() => {
    const map = new Map<string, BoardEdge>();
    for (const column of board?.columns ?? []) for (const edge of column.leads.edges) map.set(edge.node.id, edge);
    return map;
  }, [board]);
  const { drag, reasons, isDragging, boardRef, onPress, context, source } = useBoardDrag({
    columns,
    edges,
    move,
  });
  useBoardLive(variables, board?.pipeline.id ?? null, data?.catchUpCursor, isDragging);

  return (
    <section className="board-page">
      <div className="page-toolbar">
        <h1 className="page-title">{board?.pipeline.name ?? "Board"}</h1>
        <PipelinePicker value={board?.pipeline.id ?? props.pipelineId} />
      </div>
      {error && !board && <ErrorMessage error={error} />}
      {loading && !board && <p className="muted">Loading the board…</p>}
      {board && (
        <DndContext {...context}>
          <DragSource {...source} />
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
