ALTER TABLE "capture_forms" ADD COLUMN "updated_by_id" uuid;--> statement-breakpoint
ALTER TABLE "capture_forms" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "capture_forms" ADD CONSTRAINT "capture_forms_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;