import express, { type Express } from "express";
import { sendHttpError } from "../../graphql/errors.js";
import type { Logger } from "../../logger.js";
import type { WebhookIntakeService } from "./webhook-intake.service.js";

/** A batch of 500 leads with long descriptions fits; anything larger is refused with 413 before it is read. */
const MAX_BODY = "5mb";

/**
 * `POST /hooks/leads/:tenantSlug`, signed per Standard Webhooks. The body is
 * read raw: the signature covers its exact bytes, so it is verified before
 * it is parsed. Answers 201 with the leads made (or the stored answer for a
 * repeated webhook-id), or the GraphQL error shape with the code's status.
 */
export function mountWebhookRoutes(app: Express, services: { webhookIntake: WebhookIntakeService }, log: Logger) {
  app.post("/hooks/leads/:tenantSlug", express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const answer = await services.webhookIntake.receive(
        req.params.tenantSlug,
        {
          "webhook-id": req.get("webhook-id"),
          "webhook-timestamp": req.get("webhook-timestamp"),
          "webhook-signature": req.get("webhook-signature"),
        },
        raw,
      );
      res.status(answer.status).json(answer.body);
    } catch (error) {
      sendHttpError(res, log, error, { path: req.path });
    }
  });
}
