-- Trigram similarity for duplicate detection (trusted extension; PGlite loads it from its contrib build).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "score_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"band" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "company_domain" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
-- Websites are stored normalized (https://host/path, no www.): the host stands in for the registrable domain of older rows.
UPDATE "leads" SET "company_domain" = substring("company_website" from '^https?://([^/:]+)') WHERE "company_website" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "scoring_rules" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD CONSTRAINT "score_snapshots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD CONSTRAINT "score_snapshots_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_events" ADD CONSTRAINT "tracking_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_events" ADD CONSTRAINT "tracking_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "score_snapshots_lead_idx" ON "score_snapshots" USING btree ("lead_id","created_at");--> statement-breakpoint
CREATE INDEX "tracking_events_lead_idx" ON "tracking_events" USING btree ("lead_id","occurred_at");--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_merged_into_id_leads_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leads_dup_email_idx" ON "leads" USING btree ("tenant_id","email") WHERE "leads"."retired_at" is null and "leads"."email" is not null;--> statement-breakpoint
CREATE INDEX "leads_dup_phone_idx" ON "leads" USING btree ("tenant_id","phone") WHERE "leads"."retired_at" is null and "leads"."phone" is not null;--> statement-breakpoint
CREATE INDEX "leads_dup_domain_idx" ON "leads" USING btree ("tenant_id","company_domain") WHERE "leads"."retired_at" is null and "leads"."company_domain" is not null;--> statement-breakpoint
CREATE INDEX "leads_dup_tin_idx" ON "leads" USING btree ("tenant_id","company_tin") WHERE "leads"."retired_at" is null and "leads"."company_tin" is not null;--> statement-breakpoint
CREATE INDEX "leads_name_trgm_idx" ON "leads" USING gin (lower("name") gin_trgm_ops) WHERE "leads"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "leads_company_name_trgm_idx" ON "leads" USING gin (lower("company_name") gin_trgm_ops) WHERE "leads"."retired_at" is null and "leads"."company_name" is not null;