import { CombinedGraphQLErrors } from "@apollo/client";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { describeError, reasonOf, refusalInWords } from "../../components/ErrorMessage";
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

/** Why a move was refused, in the words a rep needs: by the server's reason, never its wording. */
function refusal(error: unknown): string {
  const reason = reasonOf(error);
  if (reason === "NOT_ALLOWED" && CombinedGraphQLErrors.is(error)) {
    return `You can't move this lead: ${error.errors[0]?.message ?? ""}`;
  }
  if (reason === "TRANSITION_NOT_ALLOWED" && CombinedGraphQLErrors.is(error)) {
    return `Move undone: the pipeline does not allow this step. ${error.errors[0]?.message ?? ""}`;
  }
  return `Move undone: ${refusalInWords(reason) ?? describeError(error as Error)}`;
}

/** Refusals that say the board's copy of its pipeline is out of date. */
const PIPELINE_CHANGED = new Set(["TRANSITION_NOT_ALLOWED", "CONVERSION_ONLY"]);

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
  const client = useApolloClient();

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
    }).catch((error: unknown) => {
      toast.show(refusal(error), "danger");
      // The board offered a move its pipeline no longer allows: an admin changed the stages or moves since the
      // board was read. Read it again, so the columns refuse and offer what the pipeline does now.
      if (PIPELINE_CHANGED.has(reasonOf(error) ?? "")) {
        void client.query({ query: BoardQuery, variables, fetchPolicy: "network-only" }).catch(() => {});
      }
    });
  };
}
