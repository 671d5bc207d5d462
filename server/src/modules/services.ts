import { type Config, DEFAULT_CAPTCHA_VERIFY_URL, DEFAULT_FORM_GUARD } from "../config.js";
import type { Database } from "../db/client.js";
import { createLogger, type Logger } from "../logger.js";
import { AuthService } from "./auth/auth.service.js";
import { secretBoxFor } from "./auth/secret-box.js";
import { SavedContactService } from "./contacts/saved-contact.service.js";
import { ConversionService } from "./conversion/conversion.service.js";
import { CrmRecordService } from "./crm/crm-records.service.js";
import { DuplicateService } from "./duplicates/duplicate.service.js";
import { FileService } from "./files/file.service.js";
import { createStorage } from "./files/storage.js";
import { CaptureFormService } from "./intake/capture-form.service.js";
import { LeadExportService } from "./intake/csv-export.js";
import { FormGuard } from "./intake/form-guard.js";
import { LeadImportService } from "./intake/import.service.js";
import { importPacingFor } from "./intake/import-run.js";
import { IntakeReceiptsService } from "./intake/intake-receipts.service.js";
import { RestLeadsService } from "./intake/rest-leads.service.js";
import { WebhookIntakeService } from "./intake/webhook-intake.service.js";
import type { JobQueue } from "./jobs/job-queue.js";
import { LeadReadService } from "./lead-core/lead-read.service.js";
import { CreateLead } from "./leads/create-lead.js";
import { UpdateLead } from "./leads/update-lead.js";
import { EventFeedService } from "./live/event-feed.service.js";
import { LiveEventsService } from "./live/live-events.service.js";
import { DevMailbox, InboundMailService } from "./messaging/inbound-mail.service.js";
import { smtpTransport } from "./messaging/mail-transport.js";
import { MessageService } from "./messaging/message.service.js";
import { MessagingProviders } from "./messaging/messaging-providers.service.js";
import { bounceAddressFor, replyAddressFor } from "./messaging/reply-address.js";
import { SMS_STATUS_PATH, SmsHookService } from "./messaging/sms-hooks.service.js";
import { twilioSmsTransport } from "./messaging/sms-transport.js";
import { DashboardService } from "./metrics/dashboard.service.js";
import { MetricsService } from "./metrics/metrics.service.js";
import { NoteService } from "./notes/note.service.js";
import { BoardService } from "./pipeline/board.service.js";
import { MoveService } from "./pipeline/move.service.js";
import { PipelineService } from "./pipeline/pipeline.service.js";
import { PipelineAdminService } from "./pipeline/pipeline-admin.service.js";
import { StageChanger } from "./pipeline/stage-change.js";
import { ReviewService } from "./reviews/review.service.js";
import { RoutingService } from "./routing/routing.service.js";
import { RoutingConfigService } from "./routing/routing-config.service.js";
import { RoutingPreviewService } from "./routing/routing-preview.service.js";
import { ScoringService } from "./scoring/scoring.service.js";
import { SlaService } from "./sla/sla.service.js";
import { TenantService } from "./tenants/tenant.service.js";
import { UserAdminService } from "./users/user-admin.service.js";
import { WebhookDispatcher } from "./webhooks-out/webhook-dispatcher.js";
import { WebhookEndpointService } from "./webhooks-out/webhook-endpoint.service.js";
import { BulkLeadService } from "./workflow/bulk-leads.service.js";
import { ExpiryService } from "./workflow/expiry.service.js";
import { InboxService } from "./workflow/inbox.service.js";
import { NextActionService } from "./workflow/next-action.service.js";
import { OwnershipService } from "./workflow/ownership.service.js";
import { ServiceJourneyService } from "./workflow/service-journey.service.js";

/** The application's services, built once per process around one database. */
export function createServices(
  db: Database,
  config: Pick<
    Config,
    | "sessionTtlMs"
    | "uploadDir"
    | "secretsKey"
    | "secretsKeyFile"
    | "publicUrl"
    | "webhookAllowPrivateNetworks"
    | "captchaVerifyUrl"
    | "formGuard"
    | "mail"
    | "messaging"
    | "sms"
    | "webhookDelivery"
  > &
    // Scripts on PostgreSQL (the benches) may leave it out: only the embedded database paces imports.
    Partial<Pick<Config, "database">>,
  jobs: JobQueue,
  log: Logger = createLogger("silent"),
) {
  const pipelines = new PipelineService(db);
  const sla = new SlaService(db, log);
  const auth = new AuthService(db, config.sessionTtlMs);
  // The one writer of stage changes, shared by the move, conversion, expiry and the service journey.
  const stageChanger = new StageChanger(sla);
  const journey = new ServiceJourneyService(db, jobs, stageChanger, auth, config.publicUrl ?? "");
  const expiry = new ExpiryService(db, jobs, stageChanger);
  const routing = new RoutingService(db);
  const moves = new MoveService(db, stageChanger);
  const ownership = new OwnershipService(db, jobs);
  // The one way a lead comes into being, shared by every channel.
  const createLead = new CreateLead(db, pipelines, journey, expiry, routing);
  const updateLead = new UpdateLead(db, expiry);
  const leadReads = new LeadReadService(db);
  // Seals stored third-party secrets (captcha, outbound webhooks) with the server key.
  const secretBox = secretBoxFor(config);
  const formGuard = new FormGuard(
    secretBox,
    { ...DEFAULT_FORM_GUARD, ...config.formGuard },
    config.captchaVerifyUrl ?? DEFAULT_CAPTCHA_VERIFY_URL,
    log,
  );
  // Outbound webhooks: started and stopped with the app (app.ts, http/shutdown.ts).
  const allowPrivateNetworks = config.webhookAllowPrivateNetworks ?? false;
  const webhookDispatcher = new WebhookDispatcher(db, secretBox, log, {
    allowPrivateNetworks,
    tuning: config.webhookDelivery,
  });
  const smsStatusUrl = config.publicUrl ? `${config.publicUrl}${SMS_STATUS_PATH}` : null;
  // Each tenant's own email and SMS provider, used for its messages instead of the server's.
  const messagingProviders = new MessagingProviders(db, secretBox, {
    allowPrivateNetworks,
    statusCallbackUrl: smsStatusUrl,
    serverEmail: Boolean(config.mail?.smtpUrl),
    serverSms: Boolean(config.sms),
  });
  const messages = new MessageService(
    db,
    jobs,
    sla,
    stageChanger,
    config.mail?.smtpUrl ? smtpTransport(config.mail.smtpUrl) : null,
    {
      mailFrom: config.mail?.from ?? "leads@localhost",
      retryBaseMs: config.messaging?.retryBaseMs ?? 30_000,
      maxAttempts: config.messaging?.maxAttempts ?? 12,
      replyAddressOf: (leadId) => replyAddressFor(secretBox, leadId, config.mail?.from ?? "leads@localhost"),
      bounceAddressOf: (messageId) => bounceAddressFor(secretBox, messageId, config.mail?.from ?? "leads@localhost"),
    },
    log,
    config.sms ? twilioSmsTransport({ ...config.sms, statusCallbackUrl: smsStatusUrl }) : null,
    messagingProviders,
  );
  // Delivery reports and replies from the SMS provider (the server's, or a tenant's own), signed with its auth token.
  const smsHooks = new SmsHookService(
    db,
    messages,
    { authToken: config.sms?.authToken ?? null, publicUrl: config.publicUrl ?? "" },
    log,
    messagingProviders,
  );
  // Mail coming in (replies, and on the embedded default the development mailbox): see app.ts.
  const inboundMail = new InboundMailService(
    db,
    secretBox,
    config.mail?.devServerPort != null ? new DevMailbox() : null,
    log,
    (messageId, reason) => messages.bounce(messageId, reason),
  );
  return {
    secretBox,
    messages,
    messagingProviders,
    inboundMail,
    /** Where mail is sent (the built-in server's address on the embedded default). */
    mailUrl: config.mail?.smtpUrl ?? null,
    smsHooks,
    webhookDispatcher,
    webhookEndpoints: new WebhookEndpointService(db, secretBox, {
      allowPrivateNetworks,
      onChange: (tenantId) => webhookDispatcher.watchTenant(tenantId),
    }),
    /** The origin outside users reach Leadline at (links, embed snippets); empty keeps links relative. */
    publicUrl: config.publicUrl ?? "",
    captureForms: new CaptureFormService(db, auth, createLead, secretBox, formGuard),
    jobs,
    sla,
    eventFeed: new EventFeedService(db),
    live: new LiveEventsService(db, log),
    auth,
    journey,
    expiry,
    tenants: new TenantService(db, pipelines),
    users: new UserAdminService(db, jobs, journey, config.publicUrl ?? ""),
    pipelines,
    pipelineAdmin: new PipelineAdminService(db, pipelines),
    board: new BoardService(db, pipelines),
    moves,
    leadReads,
    ownership,
    bulkLeads: new BulkLeadService(ownership, moves, routing, log),
    nextActions: new NextActionService(db),
    inbox: new InboxService(db),
    routing,
    createLead,
    webhookIntake: new WebhookIntakeService(db, createLead),
    restLeads: new RestLeadsService(db, createLead, leadReads, updateLead),
    leadImports: new LeadImportService(db, createLead, importPacingFor(config.database?.kind ?? "postgres")),
    leadExports: new LeadExportService(leadReads),
    intakeReceipts: new IntakeReceiptsService(db, jobs),
    updateLead,
    routingConfig: new RoutingConfigService(db),
    routingPreview: new RoutingPreviewService(db, routing),
    files: new FileService(db, createStorage(config.uploadDir), jobs),
    notes: new NoteService(db),
    reviews: new ReviewService(db, jobs, config.publicUrl ?? ""),
    savedContacts: new SavedContactService(db),
    crmRecords: new CrmRecordService(db),
    conversion: new ConversionService(db, stageChanger, sla),
    duplicates: new DuplicateService(db),
    metrics: new MetricsService(db),
    dashboard: new DashboardService(db, pipelines),
    scoring: new ScoringService(db, jobs),
  };
}

export type Services = ReturnType<typeof createServices>;

/** Binds each durable job to the service method that handles it. */
export async function registerJobHandlers(services: Services): Promise<void> {
  await services.jobs.work("sla-check", (data) => services.sla.checkSla(data));
  await services.jobs.work("claim-expiry", (data) => services.ownership.expireClaim(data));
  await services.jobs.work("invitation-expiry", (data) => services.journey.expireInvitation(data));
  await services.jobs.work("lead-expiry", (data) => services.expiry.expireLead(data));
  await services.jobs.work("staged-file-expiry", (data) => services.files.expireStagedFile(data));
  await services.jobs.work("score-recompute", (data) => services.scoring.recomputeTenant(data));
  await services.jobs.work("message-send", (data) => services.messages.deliver(data));
  await services.jobs.work("intake-receipts-purge", async () => {
    await services.intakeReceipts.purgeExpired();
  });
  await services.intakeReceipts.schedulePurge();
}
