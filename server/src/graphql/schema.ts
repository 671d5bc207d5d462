import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { type AuthChecker, buildSchema } from "type-graphql";
import { forbidden, unauthenticated } from "../errors.js";
import { AuthResolver } from "../modules/auth/auth.resolver.js";
import { SavedContactResolver } from "../modules/contacts/saved-contact.resolver.js";
import { ConversionResolver } from "../modules/conversion/conversion.resolver.js";
import { CompanyFieldsResolver, ContactFieldsResolver, CrmRecordResolver } from "../modules/crm/crm.resolver.js";
import { LeadCrmResolver, UserCrmResolver } from "../modules/crm/lead-crm.resolver.js";
import { DuplicateResolver } from "../modules/duplicates/duplicate.resolver.js";
import { LeadAttachmentsResolver } from "../modules/files/lead-attachments.resolver.js";
import { CaptureFormResolver } from "../modules/intake/capture-form.resolver.js";
import { LeadImportResolver } from "../modules/intake/import.resolver.js";
import { IntegrationsResolver } from "../modules/intake/integrations.resolver.js";
import { LeadFormResolver, RoutingRuleFormResolver } from "../modules/intake/lead-form.resolver.js";
import { LeadResolver } from "../modules/lead-core/lead.resolver.js";
import { LeadChangeResolver } from "../modules/leads/lead.resolver.js";
import { ActivityFieldsResolver, LeadEventResolver } from "../modules/live/event.resolver.js";
import { LeadActivitiesResolver } from "../modules/live/lead-activities.resolver.js";
import { LiveResolver } from "../modules/live/live.resolver.js";
import { DevMailboxResolver } from "../modules/messaging/dev-mailbox.resolver.js";
import { LeadMessagesResolver } from "../modules/messaging/message.resolver.js";
import { MessagingProvidersResolver } from "../modules/messaging/messaging-providers.resolver.js";
import { DashboardResolver } from "../modules/metrics/dashboard.resolver.js";
import { MetricsResolver } from "../modules/metrics/metrics.resolver.js";
import { NoteResolver } from "../modules/notes/note.resolver.js";
import { BoardResolver } from "../modules/pipeline/board.resolver.js";
import { LeadStageResolver } from "../modules/pipeline/lead-stage.resolver.js";
import { PipelineResolver } from "../modules/pipeline/pipeline.resolver.js";
import { ReviewResolver } from "../modules/reviews/review.resolver.js";
import { LeadRoutingResolver } from "../modules/routing/lead-routing.resolver.js";
import { QueueResolver, RoutingPreviewResolver, RoutingRuleResolver } from "../modules/routing/routing.resolver.js";
import { LeadScoreResolver, ScoringResolver } from "../modules/scoring/scoring.resolver.js";
import { TenantResolver } from "../modules/tenants/tenant.resolver.js";
import { UserAdminResolver } from "../modules/users/user.resolver.js";
import { WebhookEndpointResolver } from "../modules/webhooks-out/webhook-endpoint.resolver.js";
import { LeadNextActionResolver } from "../modules/workflow/lead-next-action.resolver.js";
import { WorkflowResolver } from "../modules/workflow/workflow.resolver.js";
import type { Context } from "./context.js";
import { DateTimeScalar } from "./scalars.js";
import "./enums.js";

/**
 * Object types are declared with `simpleResolvers: true`: their plain fields
 * carry no middleware or field-level auth, so graphql-js reads them directly
 * instead of through type-graphql's per-field wrapper (a list of 50 leads
 * resolves some 1,500 such fields).
 *
 * `@Authorized()` needs a viewer; `@Authorized("ADMIN")` also one of the named roles. */
const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.viewer) throw unauthenticated();
  if (roles.length > 0 && !roles.some((role) => context.viewer?.roles.includes(role as never))) throw forbidden();
  return true;
};

let cached: Promise<GraphQLSchema> | undefined;

/** Built once per process: type-graphql's metadata is global, so rebuilding would only repeat work. */
export function buildLeadlineSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [
      AuthResolver,
      UserAdminResolver,
      PipelineResolver,
      BoardResolver,
      LeadResolver,
      LeadChangeResolver,
      LeadStageResolver,
      LeadCrmResolver,
      UserCrmResolver,
      LeadActivitiesResolver,
      LeadAttachmentsResolver,
      LeadNextActionResolver,
      LeadRoutingResolver,
      LeadFormResolver,
      RoutingRuleFormResolver,
      IntegrationsResolver,
      CaptureFormResolver,
      LeadMessagesResolver,
      DevMailboxResolver,
      MessagingProvidersResolver,
      LeadImportResolver,
      ContactFieldsResolver,
      CompanyFieldsResolver,
      CrmRecordResolver,
      ActivityFieldsResolver,
      LeadEventResolver,
      LiveResolver,
      WorkflowResolver,
      QueueResolver,
      RoutingRuleResolver,
      RoutingPreviewResolver,
      NoteResolver,
      ReviewResolver,
      SavedContactResolver,
      ConversionResolver,
      DuplicateResolver,
      MetricsResolver,
      DashboardResolver,
      ScoringResolver,
      LeadScoreResolver,
      TenantResolver,
      WebhookEndpointResolver,
    ],
    authChecker,
    // type-graphql insists on a PubSub, but every subscription here brings its own source
    // (LiveEventsService, fed by LISTEN/NOTIFY), so this one is never published to.
    pubSub: {
      publish: () => {
        throw new Error("not used: subscriptions read from LiveEventsService");
      },
      subscribe: () => {
        throw new Error("not used: subscriptions read from LiveEventsService");
      },
    },
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
  return cached;
}
