ALTER TABLE "tenants" ADD COLUMN "config_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Any change to a tenant's own row moves its configuration version, once per row changed.
CREATE FUNCTION "leadline_tenant_config_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.config_version = OLD.config_version THEN
    NEW.config_version := OLD.config_version + 1;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "tenants_config_version" BEFORE UPDATE ON "tenants"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "leadline_tenant_config_changed"();
--> statement-breakpoint
-- A change to a tenant's pipelines, stages or routing rules moves the tenant's version in the same transaction.
CREATE FUNCTION "leadline_bump_tenant_config"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenants SET config_version = config_version + 1
    WHERE id IN (SELECT tenant_id FROM changed_rows);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "leadline_bump_tenant_config_old"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tenants SET config_version = config_version + 1
    WHERE id IN (SELECT tenant_id FROM gone_rows);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "pipelines_config_insert" AFTER INSERT ON "pipelines" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "leadline_bump_tenant_config"();--> statement-breakpoint
CREATE TRIGGER "pipelines_config_update" AFTER UPDATE ON "pipelines" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "leadline_bump_tenant_config"();--> statement-breakpoint
CREATE TRIGGER "pipelines_config_delete" AFTER DELETE ON "pipelines" REFERENCING OLD TABLE AS gone_rows FOR EACH STATEMENT EXECUTE FUNCTION "leadline_bump_tenant_config_old"();--> statement-breakpoint
CREATE TRIGGER "stages_config_insert" AFTER INSERT ON "stages" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "leadline_bump_tenant_config"();--> statement-breakpoint
CREATE TRIGGER "stages_config_update" AFTER UPDATE ON "stages" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "leadline_bump_tenant_config"();--> statement-breakpoint
CREATE TRIGGER "stages_config_delete" AFTER DELETE ON "stages" REFERENCING OLD TABLE AS gone_rows FOR EACH STATEMENT EXECUTE FUNCTION "leadline_bump_tenant_config_old"();--> statement-breakpoint
CREATE TRIGGER "routing_rules_config_insert" AFTER INSERT ON "routing_rules" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "leadline_bump_tenant_config"();--> statement-breakpoint
CREATE TRIGGER "routing_rules_config_update" AFTER UPDATE ON "routing_rules" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "leadline_bump_tenant_config"();--> statement-breakpoint
CREATE TRIGGER "routing_rules_config_delete" AFTER DELETE ON "routing_rules" REFERENCING OLD TABLE AS gone_rows FOR EACH STATEMENT EXECUTE FUNCTION "leadline_bump_tenant_config_old"();
