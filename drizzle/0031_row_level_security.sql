-- Row-level security: each tenant table answers only the tenant a transaction names.
-- The server opens every transaction of a tenant's request with
--   set_config('role', 'leadline_app', true), set_config('leadline.tenant_id', <tenant>, true)
-- (server/src/db/tenant-scope.ts), so a query that forgets its tenant filter still sees,
-- changes and creates that tenant's rows only. The connecting role owns the tables and runs
-- migrations, jobs and sign-in, which cross tenants; leadline_app owns nothing and is bound.
-- A database administrator may create leadline_app beforehand and grant it to the
-- connecting role; then this migration needs no CREATEROLE.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'leadline_app') THEN
    CREATE ROLE leadline_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on this server created it at the same moment
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'leadline_app', 'MEMBER') THEN
    EXECUTE format('GRANT leadline_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO leadline_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO leadline_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO leadline_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO leadline_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO leadline_app;
--> statement-breakpoint
-- The tenant a transaction named, or NULL (then no tenant row matches). A plain SQL function,
-- so the planner inlines it and a tenant index still serves the policy.
CREATE FUNCTION leadline_tenant() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('leadline.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
-- The one isolation rule, applied to a table with a tenant_id. A later migration that adds a
-- tenant table calls it too (server/src/db/row-security.test.ts fails until it does).
CREATE FUNCTION leadline_isolate(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (tenant_id = leadline_tenant()) WITH CHECK (tenant_id = leadline_tenant())',
    target);
END $$;
--> statement-breakpoint
SELECT leadline_isolate(c.oid)
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  ORDER BY c.relname;
--> statement-breakpoint
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tenants USING (id = leadline_tenant()) WITH CHECK (id = leadline_tenant());
--> statement-breakpoint
-- A queue's members belong to the queue's tenant.
ALTER TABLE queue_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON queue_members
  USING (EXISTS (SELECT 1 FROM queues WHERE queues.id = queue_members.queue_id))
  WITH CHECK (EXISTS (SELECT 1 FROM queues WHERE queues.id = queue_members.queue_id));
