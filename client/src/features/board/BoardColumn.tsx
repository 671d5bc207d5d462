import { useDroppable } from "@dnd-kit/core";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { STAGE_TONES } from "../../labels";
import { Link, paths } from "../../router";
import { BoardCard } from "./BoardCard";
import type { BoardColumnData, BoardEdge } from "./board-cache";

const countFormat = new Intl.NumberFormat();

export const columnId = (status: string) => `column:${status}`;

/**
 * One stage: header with count and WIP limit, and its cards in rank order.
 * While a card is dragged, a column it may not enter is shown as such and takes no drop.
 */
export function BoardColumn(props: {
  column: BoardColumnData;
  /** Card ids in display order (the drag's working order while dragging). */
  ids: string[];
  edges: Map<string, BoardEdge>;
  /** While dragging: why this column refuses the card, or null when it accepts it. */
  blockedReason: string | null;
  /** The card being dragged, or null. */
  dragId: string | null;
  /** The id of the drag instructions for screen readers. */
  describedBy: string;
  /** Reads more cards of every column; null once the board reads as many as it may. */
  onShowMore: (() => void) | null;
  loadingMore: boolean;
}) {
  const { column, ids, blockedReason, dragId } = props;
  const dragging = dragId !== null;
  const { stage, totalCount } = column;
  const { setNodeRef, isOver } = useDroppable({ id: columnId(stage.key), disabled: blockedReason !== null });
  const overLimit = stage.wipLimit != null && totalCount > stage.wipLimit;
  const atLimit = stage.wipLimit != null && totalCount >= stage.wipLimit;
  const hidden = totalCount - column.leads.edges.length;
  const state = !dragging ? "" : blockedReason ? " is-blocked" : " is-allowed";
  const headingId = `board-column-${stage.key}`;

  return (
    <section
      className={`board-column board-column--${stage.category.toLowerCase()}${state}${isOver ? " is-over" : ""}`}
      aria-labelledby={headingId}
      data-status={stage.key}
    >
      <header className="board-column__header">
        <h2 id={headingId} className="board-column__title">
          {stage.label}
        </h2>
        <Badge tone={STAGE_TONES[stage.category]} data-testid={`column-count-${stage.key}`}>
          {countFormat.format(totalCount)}
        </Badge>
        {stage.wipLimit != null && (
          <span
            className={`board-column__wip${overLimit ? " is-over-limit" : atLimit ? " is-at-limit" : ""}`}
            title={`Work-in-progress limit: ${stage.wipLimit}`}
          >
            WIP {countFormat.format(totalCount)}/{stage.wipLimit}
          </span>
        )}
      </header>
      {dragging && blockedReason && (
        <p className="board-column__blocked" aria-hidden="true">
          {blockedReason}
        </p>
      )}
      <ul ref={setNodeRef} className="board-column__list" aria-labelledby={headingId}>
        {ids.map((id) => {
          const edge = props.edges.get(id);
          return edge ? (
            <BoardCard key={id} lead={edge.node} dragging={id === dragId} describedBy={props.describedBy} />
          ) : null;
        })}
        {ids.length === 0 && <li className="board-column__empty">No leads</li>}
      </ul>
      {hidden > 0 && (
        <div className="board-column__more">
          <span className="muted">+{countFormat.format(hidden)} more</span>
          {props.onShowMore ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={props.onShowMore}
              disabled={props.loadingMore}
              aria-label={`Show more ${stage.label} leads`}
            >
              {props.loadingMore ? "Loading…" : "Show more"}
            </Button>
          ) : (
            <Link to={paths.leads()}>All leads</Link>
          )}
        </div>
      )}
    </section>
  );
}
