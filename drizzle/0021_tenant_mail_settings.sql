-- Empty, not null, means "not set": every setting always has a value.
UPDATE "tenants" SET "mail_from_name" = '' WHERE "mail_from_name" IS NULL;--> statement-breakpoint
UPDATE "tenants" SET "mail_reply_to" = '' WHERE "mail_reply_to" IS NULL;--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "mail_from_name" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "mail_from_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "mail_reply_to" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "tenants" ALTER COLUMN "mail_reply_to" SET NOT NULL;
