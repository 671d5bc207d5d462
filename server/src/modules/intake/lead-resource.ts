import { INTAKE_CHANNELS, LEAD_FIELDS, LEAD_SOURCES } from "@leadline/shared";
import { z } from "zod";
import type { LeadRow } from "../../db/schema/index.js";

/**
 * A lead as the REST API answers it: the typed-in fields from the shared
 * list (dates as ISO 8601), plus what the server decides. This schema both
 * documents the answer (OpenAPI) and shapes it (toLeadResource), so the two
 * cannot drift.
 */
const typedIn = Object.fromEntries(
  LEAD_FIELDS.filter((f) => f.key !== "name").map((f) => [
    f.key,
    (f.kind === "date" ? z.iso.datetime({ offset: true }) : z.string()).nullable(),
  ]),
);

export const leadResourceSchema = z.object({
  id: z.uuid(),
  requestId: z.number().int().describe("Per-tenant sequential number."),
  name: z.string(),
  status: z.string().describe("Key of the lead's stage in its pipeline."),
  pipelineId: z.uuid(),
  source: z.enum(LEAD_SOURCES),
  channel: z.enum(INTAKE_CHANNELS),
  ...typedIn,
  score: z.number().int().min(0).max(100),
  ownerId: z.uuid().nullable(),
  queueId: z.uuid().nullable(),
  version: z.number().int().describe("Send it back in If-Match to refuse stale writes."),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export type LeadResource = z.infer<typeof leadResourceSchema>;

const keys = Object.keys(leadResourceSchema.shape) as (keyof LeadResource & keyof LeadRow)[];

export function toLeadResource(lead: LeadRow): LeadResource {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = lead[key];
    out[key] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return out as LeadResource;
}
