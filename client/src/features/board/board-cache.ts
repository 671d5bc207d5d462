import type { BoardQuery } from "../../gql/graphql";

type BoardData = BoardQuery;
export type BoardColumnData = BoardData["board"]["columns"][number];
export type BoardEdge = BoardColumnData["leads"]["edges"][number];

/** Where a card sits: its column's stage key and its index there, or null when it is not on the board. */
export function locateCard(board: BoardData, leadId: string): { status: string; index: number } | null {
  for (const column of board.board.columns) {
    const index = column.leads.edges.findIndex((edge) => edge.node.id === leadId);
    if (index >= 0) return { status: column.stage.key, index };
  }
  return null;
}

export interface Placement {
  toStatus: string;
  /** The card that ends up above; with neither neighbour the card goes on top, as the server does. */
  afterId?: string | null;
  beforeId?: string | null;
}

/**
 * The board with one card moved (or added, when `edge` is given and the card
 * is not there yet), counts adjusted. Returns the same object when nothing
 * changes, so callers can skip the cache write.
 */
export function placeCard(board: BoardData, leadId: string, placement: Placement, edge?: BoardEdge): BoardData {
  const from = locateCard(board, leadId);
  const target = board.board.columns.find((column) => column.stage.key === placement.toStatus);
  const moving = from
    ? board.board.columns.find((c) => c.stage.key === from.status)?.leads.edges[from.index]
    : (edge ?? null);
  if (!target || !moving) return board;

  const columns = board.board.columns.map((column) => {
    const isSource = from?.status === column.stage.key;
    const isTarget = column === target;
    if (!isSource && !isTarget) return column;
    let edges = isSource ? column.leads.edges.filter((e) => e.node.id !== leadId) : column.leads.edges;
    let totalCount = column.totalCount;
    if (isSource && !isTarget) totalCount -= 1;
    if (isTarget) {
      if (!isSource) totalCount += 1;
      const after = placement.afterId ? edges.findIndex((e) => e.node.id === placement.afterId) : -1;
      const before = placement.beforeId ? edges.findIndex((e) => e.node.id === placement.beforeId) : -1;
      const at = after >= 0 ? after + 1 : Math.max(before, 0);
      edges = [...edges.slice(0, at), moving, ...edges.slice(at)];
    }
    return { ...column, totalCount, leads: { ...column.leads, edges } };
  });
  const unchanged =
    from?.status === placement.toStatus &&
    columns.every((column, i) => column.leads.edges.every((e, j) => e === board.board.columns[i]?.leads.edges[j]));
  return unchanged ? board : { ...board, board: { ...board.board, columns } };
}

/** The board without a card (it left the pipeline or the viewer's sight). */
export function removeCard(board: BoardData, leadId: string): BoardData {
  const from = locateCard(board, leadId);
  if (!from) return board;
  const columns = board.board.columns.map((column) =>
    column.stage.key === from.status
      ? {
          ...column,
          totalCount: column.totalCount - 1,
          leads: { ...column.leads, edges: column.leads.edges.filter((e) => e.node.id !== leadId) },
        }
      : column,
  );
  return { ...board, board: { ...board.board, columns } };
}
