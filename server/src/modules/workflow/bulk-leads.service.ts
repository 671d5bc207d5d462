import type { LeadRow } from "../../db/schema/index.js";
import { badInput, DomainError, type ErrorReason } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { Viewer } from "../auth/viewer.js";
import type { MoveService } from "../pipeline/move.service.js";
import type { RoutingService } from "../routing/routing.service.js";
import type { OwnershipService } from "./ownership.service.js";

/** At most this many leads per bulk request: a page of the list, with room to spare. */
export const BULK_LIMIT = 200;

/** Exactly one of these per request. */
export interface BulkLeadAction {
  /** Assign to this user; with `unassign`, back to the pool. */
  assignTo?: string | null;
  unassign?: boolean | null;
  /** Move to this stage key (each lead's own pipeline). */
  moveTo?: string | null;
  /** Add to this queue (routing picks the owner among its members). */
  queueId?: string | null;
}

export interface BulkLeadFailure {
  id: string;
  /** The refusal's reason (the edge maps it to the contract's code); INTERNAL for an unexpected failure. */
  reason: ErrorReason | "INTERNAL";
  message: string;
}

export interface BulkLeadOutcome {
  succeeded: LeadRow[];
  failed: BulkLeadFailure[];
}

/**
 * One request that applies one action to many leads (the list's selection).
 * Each lead goes through the same service call as its single mutation
 * (assignLead, moveLead, routeLead), in its own transaction, so the rules
 * are those rules, and a lead that is refused (not visible, a transition the
 * pipeline forbids, a WIP limit) is reported with its code and reason
 * without undoing the others.
 */
export class BulkLeadService {
  constructor(
    private readonly ownership: OwnershipService,
    private readonly moves: MoveService,
    private readonly routing: RoutingService,
    private readonly log: Logger,
  ) {}

  async run(viewer: Viewer, ids: readonly string[], action: BulkLeadAction): Promise<BulkLeadOutcome> {
    const apply = this.applierOrThrow(viewer, action);
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw badInput([{ field: "ids", message: "select at least one lead" }]);
    if (unique.length > BULK_LIMIT) {
      throw badInput([{ field: "ids", message: `at most ${BULK_LIMIT} leads per request` }]);
    }
    const outcome: BulkLeadOutcome = { succeeded: [], failed: [] };
    for (const id of unique) {
      try {
        outcome.succeeded.push(await apply(id));
      } catch (error) {
        if (error instanceof DomainError) {
          outcome.failed.push({ id, reason: error.reason, message: error.message });
        } else {
          // The others stay done; this one is reported, and logged for the operator.
          this.log.error({ err: error, leadId: id }, "bulk lead action failed");
          outcome.failed.push({ id, reason: "INTERNAL", message: "Unexpected error" });
        }
      }
    }
    return outcome;
  }

  /** The single-lead call for the action; refuses a request that names none or several. */
  private applierOrThrow(viewer: Viewer, action: BulkLeadAction): (id: string) => Promise<LeadRow> {
    const chosen = [
      action.assignTo != null || action.unassign ? "assign" : null,
      action.moveTo != null ? "move" : null,
      action.queueId != null ? "queue" : null,
    ].filter(Boolean);
    if (chosen.length !== 1 || (action.assignTo != null && action.unassign)) {
      throw badInput([{ field: "action", message: "give exactly one of assignTo, unassign, moveTo or queueId" }]);
    }
    if (action.moveTo != null) {
      const toStatus = action.moveTo;
      return (id) => this.moves.moveLead(viewer, id, { toStatus });
    }
    if (action.queueId != null) {
      const queueId = action.queueId;
      return (id) => this.routing.routeLead(viewer, id, queueId);
    }
    const ownerId = action.unassign ? null : (action.assignTo ?? null);
    return (id) => this.ownership.assignLead(viewer, id, ownerId);
  }
}
