-- Live fan-out: each committed event announces only (tenant, sequence) on channel
-- `lead_events`; every instance then reads the event rows themselves. NOTIFY is
-- delivered at commit, so a rolled-back change is never announced.
CREATE FUNCTION "leadline_notify_lead_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('lead_events', NEW.tenant_id::text || ':' || NEW.sequence::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "lead_events_notify" AFTER INSERT ON "lead_events"
  FOR EACH ROW EXECUTE FUNCTION "leadline_notify_lead_event"();
