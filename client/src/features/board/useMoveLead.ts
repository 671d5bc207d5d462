import { CombinedGraphQLErrors } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { describeError } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { graphql } from "../../gql";
import type { BoardQueryVariables, StageCategory } from "../../gql/graphql";
import { BoardQuery } from "./BoardQuery";
import { type Placement, placeCard } from "./board-cache";

const MoveLeadMutation = graphql(`
  mutation MoveLead($id: ID!, $toStatus: String!, $afterId: ID, $beforeId: ID, $expectedVersion: Int) {
    moveLead(id: $id, toStatus: $toStatus, afterId: $afterId, beforeId: $beforeId, expectedVersion: $expectedVersion) {
      id
      status
      version
      updatedAt
      stage {
        key
        label
        category
      }
    }
  }
`);

/**
 * Why a move was refused, in the words a rep needs: the server's machine-readable
 * reason decides (extensions.reason), never the wording of its message.
 */
function refusal(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const extensions = error.errors[0]?.extensions;
    const message = error.errors[0]?.message ?? "";
    switch (extensions?.reason) {
      case "STALE_VERSION":
        return "Move undone: a teammate changed this lead a moment ago. The board shows their change; try again.";
      case "WIP_LIMIT":
        return "Move undone: that column is at its WIP limit. A manager may exceed it.";
      case "CONVERSION_ONLY":
        return "Move undone: this stage is reached by converting the lead, from the lead page.";
      case "TRANSITION_NOT_ALLOWED":
        return `Move undone: the pipeline does not allow this step. ${message}`;
      case "READ_ONLY":
        return "Move undone: the lead was converted and no longer changes.";
      case "NOT_ALLOWED":
        return `You can't move this lead: ${message}`;
      case "NOT_FOUND":
        return "Move undone: the lead is gone or no longer visible to you.";
    }
  }
  return `Move undone: ${describeError(error as Error)}`;
}

export interface MoveRequest extends Placement {
  leadId: string;
  /** The version the card showed; a teammate's newer change makes the move a CONFLICT. */
  version: number;
  stage: { key: string; label: string; category: StageCategory };
}

/**
 * Moves a card at once in the cache (optimistic) and sends moveLead; when the
 * server refuses, Apollo drops the optimistic layer so the card snaps back,
 * and a toast says why.
 */
export function useMoveLead(variables: BoardQueryVariables) {
  const [mutate] = useMutation(MoveLeadMutation);
  const toast = useToast();

  return (request: MoveRequest): void => {
    const { leadId, toStatus, afterId = null, beforeId = null } = request;
    // The cache identifies objects by __typename, which the generated types leave out.
    const optimistic = {
      __typename: "Lead" as const,
      id: leadId,
      status: toStatus,
      version: request.version + 1,
      updatedAt: new Date().toISOString(),
      stage: { __typename: "Stage" as const, ...request.stage },
    };
    mutate({
      variables: { id: leadId, toStatus, afterId, beforeId, expectedVersion: request.version },
      optimisticResponse: { moveLead: optimistic },
      update: (cache, { data }) => {
        if (!data) return;
        cache.updateQuery({ query: BoardQuery, variables }, (board) =>
          board ? placeCard(board, leadId, { toStatus, afterId, beforeId }) : board,
        );
      },
    }).catch((error: unknown) => toast.show(refusal(error), "danger"));
  };
}
