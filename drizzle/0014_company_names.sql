CREATE TABLE "lead_company_names" (
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "lead_company_names_tenant_id_name_pk" PRIMARY KEY("tenant_id","name")
);
--> statement-breakpoint
DROP INDEX "leads_person_company_trgm_idx";--> statement-breakpoint
ALTER TABLE "lead_company_names" ADD CONSTRAINT "lead_company_names_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Company names are noted in the transaction that brings them, by every path that writes
-- leads: once per statement for inserts (bulk loads add each name once), per row for renames.
CREATE FUNCTION "leadline_note_inserted_company_names"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "lead_company_names" ("tenant_id", "name")
    SELECT DISTINCT "tenant_id", lower("company_name") FROM "inserted_leads" WHERE "company_name" IS NOT NULL
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "leads_company_names_insert" AFTER INSERT ON "leads"
  REFERENCING NEW TABLE AS "inserted_leads" FOR EACH STATEMENT EXECUTE FUNCTION "leadline_note_inserted_company_names"();
--> statement-breakpoint
CREATE FUNCTION "leadline_note_renamed_company_name"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "lead_company_names" ("tenant_id", "name") VALUES (NEW."tenant_id", lower(NEW."company_name"))
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "leads_company_names_rename" AFTER UPDATE OF "company_name" ON "leads" FOR EACH ROW
  WHEN (NEW."company_name" IS NOT NULL AND lower(NEW."company_name") IS DISTINCT FROM lower(OLD."company_name"))
  EXECUTE FUNCTION "leadline_note_renamed_company_name"();
--> statement-breakpoint
-- The names of today's live leads, before the index, so it is built once rather than grown name by name.
INSERT INTO "lead_company_names" ("tenant_id", "name")
  SELECT DISTINCT "tenant_id", lower("company_name") FROM "leads" WHERE "company_name" IS NOT NULL AND "retired_at" IS NULL
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE INDEX "lead_company_names_trgm_idx" ON "lead_company_names" USING gin ("name" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
ANALYZE "lead_company_names";
