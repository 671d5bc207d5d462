-- Same index, no pending list: altered in place (no rebuild), then the list it holds is merged.
ALTER INDEX "leads_name_trgm_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('leads_name_trgm_idx'::regclass);
