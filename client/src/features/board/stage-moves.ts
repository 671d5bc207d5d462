import { canTransition, type StageDefinition } from "@leadline/shared";

/** A stage as the API gives it: what a move needs to know of the stage it leaves and the one it enters. */
export type MoveStage = Pick<StageDefinition, "key" | "label" | "category" | "transitions"> & {
  conversionOnly: boolean;
};

/**
 * Why the pipeline refuses a move from `from` to `to`, or null when it allows
 * it: the board's columns and the lead page's status menu both ask here, and
 * the server (moveLead) decides the same way.
 */
export function stageMoveRefusal(from: MoveStage, to: MoveStage): string | null {
  if (from.key === to.key) return null;
  // The server's flag, for every pipeline: this stage is reached only through conversion.
  if (to.conversionOnly) return "Convert from the lead page";
  if (!canTransition(from, to.key)) return `Not reachable from ${from.label}`;
  return null;
}
