import express, { type Express, type Request, type Response } from "express";
import { DomainError, unauthenticated } from "../../errors.js";
import { httpErrorOf, sendHttpError } from "../../graphql/errors.js";
import { refuseNulCharacters } from "../../graphql/nul-characters.js";
import type { Logger } from "../../logger.js";
import type { AuthService } from "../auth/auth.service.js";
import type { Viewer } from "../auth/viewer.js";
import { mountImportExportRoutes } from "./import-export.routes.js";
import { openApiDocument } from "./openapi.js";
import type { RestLeadsService } from "./rest-leads.service.js";

const MAX_BODY = "5mb";

/**
 * `/api/v1/leads` (POST, GET) and `/api/v1/leads/:ref` (GET, PATCH), with
 * `Authorization: Bearer <API key>`; `/api/v1/openapi.json` describes them.
 * Errors have the GraphQL error shape and the code's HTTP status; a stale
 * If-Match answers 412, as HTTP says.
 */
export function mountRestRoutes(
  app: Express,
  services: { auth: AuthService; restLeads: RestLeadsService } & Parameters<typeof mountImportExportRoutes>[2],
  log: Logger,
): void {
  const router = express.Router();
  const handle =
    (fn: (viewer: Viewer, req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
      try {
        const viewer = await services.auth.authenticate(req.get("authorization"));
        if (!viewer) throw unauthenticated("Send Authorization: Bearer <API key>");
        await fn(viewer, req, res);
      } catch (error) {
        // HTTP's own answer to a stale If-Match is 412 Precondition Failed; every other refusal maps as everywhere.
        if (error instanceof DomainError && error.reason === "STALE_VERSION") {
          res.status(412).json(httpErrorOf(error)?.body);
          return;
        }
        sendHttpError(res, log, error, { path: req.path });
      }
    };

  router.get("/openapi.json", (_req, res) => {
    res.json(openApiDocument());
  });
  router.post(
    "/leads",
    express.raw({ type: () => true, limit: MAX_BODY }),
    handle(async (viewer, req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const answer = await services.restLeads.create(viewer, raw, req.get("idempotency-key") ?? null);
      res.status(answer.status).json(answer.body);
    }),
  );
  router.get(
    "/leads",
    handle(async (viewer, req, res) => {
      res.json(await services.restLeads.list(viewer, req.query as Record<string, unknown>));
    }),
  );
  // Before /leads/:ref, which would take "export" for a lead's id.
  mountImportExportRoutes(router, handle, services, log);
  router.get(
    "/leads/:ref",
    handle(async (viewer, req, res) => {
      const lead = await services.restLeads.find(viewer, String(req.params.ref));
      res.set("ETag", `"${lead.version}"`).json(lead);
    }),
  );
  router.patch(
    "/leads/:ref",
    express.json({ limit: "1mb", type: () => true }),
    refuseNulCharacters(log),
    handle(async (viewer, req, res) => {
      const lead = await services.restLeads.update(viewer, String(req.params.ref), req.body, req.get("if-match"));
      res.set("ETag", `"${lead.version}"`).json(lead);
    }),
  );
  app.use("/api/v1", router);
}
