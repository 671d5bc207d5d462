ALTER TABLE "tenants" ALTER COLUMN "invitation_ttl_days" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "invitation_ttl_days" SET DEFAULT 14;