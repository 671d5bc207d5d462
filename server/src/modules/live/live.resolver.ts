import { slaState } from "@leadline/shared";
import { Arg, Field, ID, InputType, Resolver, Root, Subscription } from "type-graphql";
import type { LeadEventType } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { LeadEventTypeEnum } from "../../graphql/enums.js";
import { slaFactsOf } from "../sla/sla.service.js";
import { SlaTick } from "../sla/sla.types.js";
import { toLeadEvent } from "./event.resolver.js";
import { LeadEvent } from "./event.types.js";
import type { LiveEvent } from "./live-events.service.js";

@InputType()
export class LeadEventFilter {
  @Field(() => [ID], { nullable: true })
  leadIds?: string[] | null;

  @Field(() => [LeadEventTypeEnum], { nullable: true })
  types?: LeadEventType[] | null;

  @Field(() => ID, { nullable: true })
  pipelineId?: string | null;
}

interface SubscribeArgs {
  filter?: LeadEventFilter | null;
  pipelineId?: string | null;
  leadIds?: string[] | null;
}

/**
 * Subscribing needs a viewer (`viewerOrThrow`: UNAUTHENTICATED, as `@Authorized()` answers), and the
 * socket's viewer is fixed while it lasts (a revoked session closes the socket). So the fields below
 * carry no `@Authorized()`: it would check again on every event, and through type-graphql's
 * middleware every event's execution would wait on a promise, where without it the execution is
 * done in the fan-out's turn and written to every subscriber of its class at once.
 */
const subscribeWith =
  (accepts: (args: SubscribeArgs, item: LiveEvent) => boolean) =>
  ({ args, context }: { args: SubscribeArgs; context: Context }) =>
    context.services.live.subscribe(viewerOrThrow(context), (item) => accepts(args, item), context.closeConnection);

/** Live updates over graphql-ws; each payload is checked against the receiver's visibility first. */
@Resolver()
export class LiveResolver {
  @Subscription(() => LeadEvent, {
    description: "Every change to leads you may see, optionally narrowed to leads, event types or a pipeline.",
    subscribe: subscribeWith(
      ({ filter }, { event, lead }) =>
        (!filter?.leadIds?.length || filter.leadIds.includes(lead.id)) &&
        (!filter?.types?.length || filter.types.includes(event.type)) &&
        (!filter?.pipelineId || filter.pipelineId === lead.pipelineId),
    ),
  })
  leadEvents(
    @Root() item: LiveEvent,
    @Arg("filter", () => LeadEventFilter, { nullable: true }) _filter: LeadEventFilter | null,
  ): LeadEvent {
    return toLeadEvent(item.event, item.lead);
  }

  @Subscription(() => LeadEvent, {
    description: "Cards changing stage: the kanban's live feed.",
    subscribe: subscribeWith(
      ({ pipelineId }, { event, lead }) =>
        event.type === "STATUS_CHANGED" && (!pipelineId || pipelineId === lead.pipelineId),
    ),
  })
  leadStatusChanged(
    @Root() item: LiveEvent,
    @Arg("pipelineId", () => ID, { nullable: true }) _pipelineId: string | null,
  ): LeadEvent {
    return toLeadEvent(item.event, item.lead);
  }

  @Subscription(() => SlaTick, {
    description: "Each SLA state change with the due times, so a client counts down locally without polling.",
    subscribe: subscribeWith(
      ({ leadIds }, { event, lead }) => event.type === "SLA_CHANGED" && (!leadIds?.length || leadIds.includes(lead.id)),
    ),
  })
  slaTimer(
    @Root() item: LiveEvent,
    @Arg("leadIds", () => [ID], { nullable: true }) _leadIds: string[] | null,
  ): SlaTick {
    const facts = slaFactsOf(item.lead);
    const to = item.event.payload.to;
    return {
      leadId: item.lead.id,
      at: item.event.createdAt,
      sla: {
        ...facts,
        state: typeof to === "string" ? (to as SlaTick["sla"]["state"]) : slaState(facts, item.event.createdAt),
      },
    };
  }
}
