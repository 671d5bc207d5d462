ALTER TABLE "stages" ADD COLUMN "conversion_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "pauses_sla" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing pipelines get the flags their preset now declares: 'converted' of lifecycle and simple is
-- reached only through conversion; service_journey's 'pending' waits on the customer.
UPDATE "stages" SET "conversion_only" = true FROM "pipelines"
  WHERE "pipelines"."id" = "stages"."pipeline_id" AND "pipelines"."preset" IN ('lifecycle', 'simple')
    AND "stages"."key" = 'converted' AND "stages"."category" = 'WON';--> statement-breakpoint
UPDATE "stages" SET "pauses_sla" = true FROM "pipelines"
  WHERE "pipelines"."id" = "stages"."pipeline_id" AND "pipelines"."preset" = 'service_journey'
    AND "stages"."key" = 'pending' AND "stages"."category" = 'OPEN';
