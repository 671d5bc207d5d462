CREATE TABLE "stage_counts" (
	"tenant_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"status" text NOT NULL,
	"leads" bigint NOT NULL,
	CONSTRAINT "stage_counts_pipeline_id_status_pk" PRIMARY KEY("pipeline_id","status")
);
--> statement-breakpoint
ALTER TABLE "stage_counts" ADD CONSTRAINT "stage_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_counts" ADD CONSTRAINT "stage_counts_pipeline_id_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."pipelines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stage_counts_tenant_idx" ON "stage_counts" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "leads_owner_column_idx" ON "leads" USING btree ("tenant_id","owner_id","pipeline_id","status","rank" collate "C","id") WHERE "leads"."retired_at" is null;--> statement-breakpoint
-- Keeps stage_counts in step with leads, statement by statement (bulk loads aggregate once).
-- Rows are upserted in (pipeline_id, status) order so concurrent moves lock them in one order.
CREATE FUNCTION "leadline_count_stages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stage_counts (tenant_id, pipeline_id, status, leads)
      SELECT tenant_id, pipeline_id, status, count(*) FROM new_rows WHERE retired_at IS NULL
      GROUP BY tenant_id, pipeline_id, status ORDER BY pipeline_id, status
      ON CONFLICT (pipeline_id, status) DO UPDATE SET leads = stage_counts.leads + excluded.leads;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO stage_counts (tenant_id, pipeline_id, status, leads)
      SELECT tenant_id, pipeline_id, status, -count(*) FROM old_rows WHERE retired_at IS NULL
      GROUP BY tenant_id, pipeline_id, status ORDER BY pipeline_id, status
      ON CONFLICT (pipeline_id, status) DO UPDATE SET leads = stage_counts.leads + excluded.leads;
  ELSE
    INSERT INTO stage_counts (tenant_id, pipeline_id, status, leads)
      SELECT tenant_id, pipeline_id, status, sum(delta) FROM (
        SELECT tenant_id, pipeline_id, status, -1 AS delta FROM old_rows WHERE retired_at IS NULL
        UNION ALL
        SELECT tenant_id, pipeline_id, status, 1 AS delta FROM new_rows WHERE retired_at IS NULL
      ) AS changes
      GROUP BY tenant_id, pipeline_id, status HAVING sum(delta) <> 0 ORDER BY pipeline_id, status
      ON CONFLICT (pipeline_id, status) DO UPDATE SET leads = stage_counts.leads + excluded.leads;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "leads_count_insert" AFTER INSERT ON "leads" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "leadline_count_stages"();
--> statement-breakpoint
CREATE TRIGGER "leads_count_update" AFTER UPDATE ON "leads" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "leadline_count_stages"();
--> statement-breakpoint
CREATE TRIGGER "leads_count_delete" AFTER DELETE ON "leads" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "leadline_count_stages"();
--> statement-breakpoint
INSERT INTO "stage_counts" ("tenant_id", "pipeline_id", "status", "leads")
  SELECT tenant_id, pipeline_id, status, count(*) FROM leads WHERE retired_at IS NULL GROUP BY tenant_id, pipeline_id, status;
