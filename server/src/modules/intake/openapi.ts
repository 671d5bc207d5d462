import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import "./zod-openapi.js";
import { ERROR_REASONS } from "../../errors.js";
import { leadExportQuerySchema } from "./csv-export.js";
import { importQuerySchema, importResourceSchema } from "./import-resource.js";
import { leadInputSchema, leadPatchSchema, MAX_BATCH } from "./lead-input.schema.js";
import { leadResourceSchema } from "./lead-resource.js";
import { leadListQuerySchema } from "./rest-leads.service.js";

/**
 * The REST API's OpenAPI 3.1 document, generated from the very zod schemas
 * that validate its requests and shape its answers: nothing here is written
 * twice, so the document cannot describe an API the server does not serve.
 */
function buildDocument(): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key (createApiKey) or a session token: Authorization: Bearer <token>.",
  });
  const security = [{ [bearer.name]: [] }];
  const LeadInput = registry.register("LeadInput", leadInputSchema);
  const LeadPatch = registry.register("LeadPatch", leadPatchSchema);
  const Lead = registry.register("Lead", leadResourceSchema);
  const Errors = registry.register(
    "Errors",
    z.object({
      errors: z.array(
        z.object({
          message: z.string(),
          extensions: z.object({
            code: z.string(),
            reason: z.enum(ERROR_REASONS).optional(),
            fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
          }),
        }),
      ),
    }),
  );
  const json = <T extends z.ZodType>(schema: T, description: string) => ({
    description,
    content: { "application/json": { schema } },
  });
  const refusals = {
    400: json(Errors, "Invalid input: extensions.fields names every bad field (in a batch, by index: 2.email)."),
    401: json(Errors, "No valid API key."),
    403: json(Errors, "The key's roles do not allow it."),
  };
  const ref = z.string().openapi({ description: "The lead's id, or its per-tenant number (requestId)." });

  registry.registerPath({
    method: "post",
    path: "/api/v1/leads",
    summary: `Create one lead, or up to ${MAX_BATCH} at once (all or nothing)`,
    security,
    request: {
      headers: z.object({
        "idempotency-key": z.string().max(255).optional().openapi({
          description: "Kept 24 h: the same key and body answer the same; the same key with another body is 409.",
        }),
      }),
      body: {
        content: { "application/json": { schema: z.union([LeadInput, z.array(LeadInput).min(1).max(MAX_BATCH)]) } },
      },
    },
    responses: {
      201: json(
        z.union([z.object({ lead: Lead }), z.object({ leads: z.array(Lead) })]),
        "Created (or, with the tenant's MERGE policy, merged) and committed.",
      ),
      ...refusals,
      409: json(Errors, "A company that already exists, or an Idempotency-Key reused for another body."),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/leads",
    summary: "List the leads you may see, newest first, a page at a time",
    security,
    request: { query: leadListQuerySchema },
    responses: {
      200: json(
        z.object({
          data: z.array(Lead),
          pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
        }),
        "A page; pass pageInfo.endCursor as `after` for the next.",
      ),
      ...refusals,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/leads/{ref}",
    summary: "One lead by id or by number",
    security,
    request: { params: z.object({ ref }) },
    responses: {
      200: json(Lead, "The lead; its version is also in the ETag header."),
      ...refusals,
      404: json(Errors, "No such lead, or not visible to you."),
    },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/leads/{ref}",
    summary: "Change the fields named in the body",
    security,
    request: {
      params: z.object({ ref }),
      headers: z.object({
        "if-match": z
          .string()
          .optional()
          .openapi({ description: 'The version you read ("3"): a newer lead answers 412 and changes nothing.' }),
      }),
      body: { content: { "application/json": { schema: LeadPatch } } },
    },
    responses: {
      200: json(Lead, "The lead as stored."),
      ...refusals,
      404: json(Errors, "No such lead, or not visible to you."),
      409: json(Errors, "The lead was converted (READ_ONLY), or a company already exists."),
      412: json(Errors, "If-Match is older than the lead (STALE_VERSION); extensions.currentVersion says which."),
    },
  });
  const LeadImport = registry.register("LeadImport", importResourceSchema);
  const importers = "ADMIN, MANAGER or MARKETEER keys only (they create and see all leads).";
  registry.registerPath({
    method: "post",
    path: "/api/v1/imports",
    summary: "Import leads from a CSV file, streamed; answers when the file is done, or at once when asked",
    description:
      "The first line is the header. Each row goes through the same create path as POST /api/v1/leads " +
      "(channel IMPORT, the tenant's duplicate policy, scored and routed), 500 rows a transaction. " +
      "A bad row is reported with its line and column and left out; a row imported before is skipped. " +
      `Progress: GET /api/v1/imports/{id} from another request while it runs. ${importers} ` +
      "With `Prefer: respond-async` the answer is 202 (the import RUNNING, its Location) once the file is " +
      "received, and the import runs on.",
    security,
    request: {
      query: importQuerySchema,
      headers: z.object({
        prefer: z.string().optional().openapi({ description: "respond-async: answer 202 once the file is received." }),
      }),
      body: { content: { "text/csv": { schema: z.string() } }, required: true },
    },
    responses: {
      201: json(LeadImport, "The import as it ended: DONE, or FAILED with the line the CSV became unreadable at."),
      202: json(LeadImport, "Prefer: respond-async: the import, RUNNING; follow it at its Location."),
      ...refusals,
      400: json(
        Errors,
        "Not CSV, a bad parameter, or a mapping that cannot work (extensions.fields: mapping.<column>).",
      ),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/imports",
    summary: "Your tenant's latest imports, newest first",
    security,
    request: { query: z.object({ first: z.string().optional().openapi({ description: "1 to 100; default 20." }) }) },
    responses: { 200: json(z.object({ data: z.array(LeadImport) }), "The imports."), ...refusals },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/imports/{id}",
    summary: "One import, with its progress while it runs",
    security,
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: json(LeadImport, "The import; its counters move as each chunk of rows commits."),
      ...refusals,
      404: json(Errors, "No such import in your tenant."),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/imports/{id}/errors",
    summary: "An import's error report: its refused rows' errors as CSV (line, column, message)",
    security,
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: {
        description: "The first 1,000 errors, a header line first; cells a spreadsheet would run start with '.",
        content: { "text/csv": { schema: z.string() } },
      },
      ...refusals,
      404: json(Errors, "No such import in your tenant."),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/leads/export",
    summary: "Every lead you may see that matches the filters, streamed as CSV or NDJSON",
    description:
      "The filters of GET /api/v1/leads, without paging; in number order. The CSV's field columns are named by " +
      "their keys, so POST /api/v1/imports maps an export back by itself. Cells a spreadsheet would run as a " +
      "formula (=, +, -, @) start with an apostrophe; the import takes it off.",
    security,
    request: { query: leadExportQuerySchema },
    responses: {
      200: {
        description: "The leads, with a header line (CSV) or one JSON object a line (NDJSON).",
        content: { "text/csv": { schema: z.string() }, "application/x-ndjson": { schema: z.string() } },
      },
      ...refusals,
    },
  });
  const generated = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Leadline REST API",
      version: "1",
      description: "Leads in and out over HTTP. The same rules and error reasons as the GraphQL API.",
    },
    servers: [{ url: "/" }],
  });
  return generated as unknown as Record<string, unknown>;
}

let document: Record<string, unknown> | undefined;

/** Built once, on first request. */
export function openApiDocument(): Record<string, unknown> {
  document ??= buildDocument();
  return document;
}
