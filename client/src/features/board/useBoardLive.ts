import { useApolloClient } from "@apollo/client/react";
import { useEffect, useRef } from "react";
import { graphql } from "../../gql";
import type { BoardQueryVariables, LeadEventType } from "../../gql/graphql";
import { useCatchUp, useLiveEvents } from "../../live/LiveProvider";
import { useLiveSubscription } from "../../live/useLiveSubscription";
import { BoardQuery } from "./BoardQuery";
import { type BoardEdge, locateCard, placeCard, removeCard } from "./board-cache";

const BoardMoves = graphql(`
  subscription BoardMoves($pipelineId: ID) {
    leadStatusChanged(pipelineId: $pipelineId) {
      ...LiveEvent_event
    }
  }
`);

const BoardChanges = graphql(`
  subscription BoardChanges($filter: LeadEventFilter) {
    leadEvents(filter: $filter) {
      ...LiveEvent_event
    }
  }
`);

/** Everything but stage changes, which come through leadStatusChanged. */
const CHANGE_TYPES: LeadEventType[] = [
  "CREATED",
  "UPDATED",
  "ASSIGNED",
  "CLAIMED",
  "RELEASED",
  "ROUTED",
  "SCORE_CHANGED",
  "MERGED",
  "CONVERTED",
  "DELETED",
];

/** How long after a teammate's reorder the board re-reads the true order (several changes share one read). */
const RECONCILE_MS = 800;

/**
 * Keeps the board live: teammates' moves, new leads and conversions change
 * the cached board at once (a card entering a column goes on top, where the
 * server puts cards moved without neighbours); anything whose place the event
 * cannot tell (a reorder, a card we never had, caught-up history) schedules
 * one quiet re-read of the board. `cursor` is the board read's catchUpCursor:
 * what committed between that read and the subscriptions is caught up.
 */
export function useBoardLive(
  variables: BoardQueryVariables,
  pipelineId: string | null,
  cursor: string | undefined,
  isDragging: () => boolean,
) {
  const client = useApolloClient();
  const timer = useRef<number | undefined>(undefined);

  useLiveSubscription(BoardMoves, { pipelineId }, (data) => data.leadStatusChanged, !pipelineId);
  useLiveSubscription(
    BoardChanges,
    { filter: { pipelineId, types: CHANGE_TYPES } },
    (data) => data.leadEvents,
    !pipelineId,
  );
  useCatchUp(pipelineId ? cursor : null, pipelineId ?? "");

  function reconcile() {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      // A re-read under a card being dragged would pull the ground from under it.
      if (isDragging()) return reconcile();
      void client.query({ query: BoardQuery, variables, fetchPolicy: "network-only" }).catch(() => {});
    }, RECONCILE_MS);
  }

  useEffect(() => () => window.clearTimeout(timer.current), []);

  useLiveEvents((event, delivery) => {
    const lead = event.lead;
    const board = client.cache.readQuery({ query: BoardQuery, variables });
    if (!board) return;
    const hasColumn = board.board.columns.some((column) => column.stage.key === lead.status);
    const at = locateCard(board, lead.id);
    let next = board;
    if (event.type === "DELETED" || event.type === "MERGED") {
      next = removeCard(board, lead.id);
    } else if (at && !hasColumn) {
      // Caught-up history may name leads of other pipelines; one of ours never leaves its pipeline's stages.
      reconcile();
    } else if (at && at.status !== lead.status) {
      next = placeCard(board, lead.id, { toStatus: lead.status });
    } else if (!at && hasColumn && delivery === "live") {
      // Live events are filtered to this pipeline by the server, so the lead belongs here.
      next = placeCard(board, lead.id, { toStatus: lead.status }, {
        __typename: "LeadEdge",
        cursor: "",
        node: lead,
      } as BoardEdge);
    } else if (!at || event.type === "UPDATED" || event.type === "ASSIGNED") {
      // A reorder within a column, a lead we cannot place from the event alone, or one handed to
      // someone else (the server's board says whether it is still ours to see).
      reconcile();
    }
    if (next !== board) client.cache.writeQuery({ query: BoardQuery, variables, data: next });
  });
}
