ALTER TABLE "tenants" ALTER COLUMN "claim_window_minutes" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "claim_window_minutes" SET DEFAULT 1440;--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "sla_first_response_minutes" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "sla_first_response_minutes" SET DEFAULT 60;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "sla_state" text DEFAULT 'NONE' NOT NULL;